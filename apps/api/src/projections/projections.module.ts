import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventStore, SqlPool } from '#event-store';
import { PeriodStatsProjection, ProjectionRunner } from '#projections';
import { openReadModels } from '#read-models';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import { CONSISTENCY_GATE, EVENT_STORE, READ_MODELS, READ_POOL, type ConsistencyGate } from '../store/store.tokens.js';

export const PROJECTION_RUNNERS = Symbol('PROJECTION_RUNNERS');
const RUNNERS = PROJECTION_RUNNERS;

/** Waits on every in-process projection runner. */
class RunnersConsistencyGate implements ConsistencyGate {
  constructor(private readonly runners: readonly ProjectionRunner[]) {}

  async waitUntilCovered(position: bigint, timeoutMs: number): Promise<boolean> {
    const covered = await Promise.all(this.runners.map((runner) => runner.waitUntilCovered(position, timeoutMs)));
    return covered.every(Boolean);
  }
}

class ProjectionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(@Inject(RUNNERS) private readonly runners: readonly ProjectionRunner[]) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.start()));
  }

  /** Before the stores close: the batch in progress commits with its checkpoint. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    this.logger.log('projections stopped');
  }
}

/**
 * The read models and, in this process, the projections that fill them (embedded mode runs
 * everything in one process, DESIGN §3).
 */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot() {
    return {
      module: ProjectionsModule,
      providers: [
        { provide: READ_MODELS, inject: [READ_POOL], useFactory: (pool: SqlPool): Promise<DataSource> => openReadModels(pool) },
        {
          provide: RUNNERS,
          // Depends on READ_MODELS so the migrations have run before any runner starts.
          inject: [EVENT_STORE, READ_POOL, APP_CONFIG, READ_MODELS],
          useFactory: (store: EventStore, pool: SqlPool, config: AppConfig) => {
            const logger = new Logger('Projections');
            return [
              new ProjectionRunner(store, pool, new PeriodStatsProjection(), {
                batchSize: config.projectionBatchSize,
                onError: (error) => logger.error(`period-stats batch failed, retrying: ${String(error)}`),
              }),
            ];
          },
        },
        { provide: CONSISTENCY_GATE, inject: [RUNNERS], useFactory: (runners: ProjectionRunner[]) => new RunnersConsistencyGate(runners) },
        ProjectionsLifecycle,
      ],
      exports: [READ_MODELS, CONSISTENCY_GATE, RUNNERS],
    };
  }
}
