import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore, SqlPool } from '#event-store';
import { InfrastructureModule } from '../../api/src/infrastructure/infrastructure.module.js';
import { ProjectionsModule } from '../../api/src/projections/projections.module.js';
import { StoreModule } from '../../api/src/store/store.module.js';
import { EVENT_STORE, READ_POOL } from '../../api/src/store/store.tokens.js';

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
          readinessChecks: {
            inject: [EVENT_STORE, READ_POOL],
            useFactory: (store: EventStore, pool: SqlPool) => [
              { name: 'event-store', check: () => store.ping() },
              { name: 'read-models', check: async () => void (await pool.query('SELECT 1')) },
            ],
          },
        }),
        StoreModule.forRoot(),
        ProjectionsModule.forRoot({ role: 'projector' }),
      ],
    };
  }
}
