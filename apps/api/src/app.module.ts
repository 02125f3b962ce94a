import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { SqlPool } from '#event-store';
import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommandsModule } from './commands/commands.module.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { QueriesModule } from './queries/queries.module.js';
import { StoreModule } from './store/store.module.js';
import { storeReadinessChecks } from './store/store-readiness.js';

export interface AppModuleOptions {
  /** Defaults to process.env. */
  readonly env?: Record<string, string | undefined>;
  /** An already open database (tests); otherwise the configuration decides. */
  readonly pool?: SqlPool;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot({
          ...(options.env ? { env: options.env } : {}),
          readinessChecks: storeReadinessChecks,
        }),
        AuthModule,
        StoreModule.forRoot(options.pool ? { pool: options.pool } : {}),
        ProjectionsModule.forRoot(),
        CqrsModule.forRoot(),
        CommandsModule,
        QueriesModule,
        AdminModule,
        AuditModule,
      ],
    };
  }
}
