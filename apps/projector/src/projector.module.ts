import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '../../api/src/infrastructure/infrastructure.module.js';
import { ProjectionsModule } from '../../api/src/projections/projections.module.js';
import { StoreModule } from '../../api/src/store/store.module.js';
import { storeReadinessChecks } from '../../api/src/store/store-readiness.js';

export interface ProjectorModuleOptions {
  /** Defaults to process.env. */
  readonly env?: Record<string, string | undefined>;
}

/**
 * The projector process (DESIGN §3 `apps/projector`): the same stores, migrations and
 * projection runners as the API, without its commands and queries. On a PostgreSQL server
 * each projection runs in the one process holding its lease; the others stand by. Serves
 * /health and /metrics (lag included) for orchestrators and scrapers.
 */
@Module({})
export class ProjectorModule {
  static forRoot(options: ProjectorModuleOptions = {}): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        InfrastructureModule.forRoot({
          ...(options.env ? { env: options.env } : {}),
          readinessChecks: storeReadinessChecks,
        }),
        StoreModule.forRoot(),
        ProjectionsModule.forRoot({ role: 'projector' }),
      ],
    };
  }
}
