import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventStore, SqlPool } from '#event-store';
import {
  LeaderElectedRunner,
  PROJECTIONS_BY_NAME,
  ProjectionLease,
  ProjectionRunner,
  waitForStoredCheckpoints,
  type Projection,
} from '#projections';
import { openReadModels } from '#read-models';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import type { Stores } from '../store/open-stores.js';
import { CONSISTENCY_GATE, EVENT_STORE, MIGRATIONS, READ_MODELS, READ_POOL, type ConsistencyGate } from '../store/store.tokens.js';
import { ProjectionStatusService } from './projection-status.service.js';
import { projectionWiring, type ProcessRole, type ProjectionWiring } from './projection-wiring.js';
import { PROJECTION_RUNNERS, PROJECTION_WIRING, PROJECTIONS, type ProjectionWorker } from './projections.tokens.js';

export { PROJECTION_RUNNERS, PROJECTIONS } from './projections.tokens.js';

/** Waits on this process's runners: embedded mode, where no other process projects. */
class RunnersConsistencyGate implements ConsistencyGate {
  constructor(private readonly runners: readonly ProjectionRunner[]) {}

  async waitUntilCovered(position: bigint, timeoutMs: number): Promise<boolean> {
    const covered = await Promise.all(this.runners.map((runner) => runner.waitUntilCovered(position, timeoutMs)));
    return covered.every(Boolean);
  }
}

/** Waits on the checkpoints committed in the read models, whichever process projects. */
class StoredCheckpointsConsistencyGate implements ConsistencyGate {
  constructor(
    private readonly store: EventStore,
    private readonly pool: SqlPool,
    private readonly projections: readonly Projection[],
  ) {}

  waitUntilCovered(position: bigint, timeoutMs: number): Promise<boolean> {
    const names = this.projections.map((projection) => projection.name);
    return waitForStoredCheckpoints(this.store, this.pool, names, position, { timeoutMs });
  }
}

class ProjectionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(@Inject(PROJECTION_RUNNERS) private readonly runners: readonly ProjectionWorker[]) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.start()));
  }

  /** Before the stores close: the batch in progress commits with its checkpoint. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    if (this.runners.length > 0) this.logger.log('projections stopped');
  }
}

function createRunners(store: EventStore, pool: SqlPool, config: AppConfig, projections: readonly Projection[], wiring: ProjectionWiring): ProjectionWorker[] {
  if (wiring.runners === 'none') return [];
  return projections.map((projection) => {
    const logger = new Logger(`Projection ${projection.name}`);
    const runner = new ProjectionRunner(store, pool, projection, {
      batchSize: config.projectionBatchSize,
      onError: (error) => logger.error(`batch failed, retrying: ${String(error)}`),
    });
    if (wiring.runners === 'in-process') return runner;
    return new LeaderElectedRunner(runner, () => new ProjectionLease(pool, projection.name), {
      onLeadership: (event) => logger.log(`lease ${event}${event === 'acquired' ? ': this process projects' : ''}`),
      onError: (error) => logger.error(`lease not reachable, retrying: ${String(error)}`),
    });
  });
}

/**
 * The read models and the projections that fill them. Embedded mode runs everything in one
 * process (DESIGN §3); on a PostgreSQL server each projection runs in one process at a time,
 * elected among the API instances and projectors that run projections.
 */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(options: { role?: ProcessRole } = {}): DynamicModule {
    const role = options.role ?? 'api';
    return {
      module: ProjectionsModule,
      providers: [
        {
          provide: READ_MODELS,
          inject: [READ_POOL, MIGRATIONS],
          useFactory: (pool: SqlPool, serialise: Stores['serialiseMigrations']): Promise<DataSource> => serialise(() => openReadModels(pool)),
        },
        { provide: PROJECTIONS, useFactory: (): Projection[] => Object.values(PROJECTIONS_BY_NAME).map((make) => make()) },
        { provide: PROJECTION_WIRING, inject: [APP_CONFIG], useFactory: (config: AppConfig) => projectionWiring(config, role) },
        {
          provide: PROJECTION_RUNNERS,
          // Depends on READ_MODELS so the migrations have run before any runner starts.
          inject: [EVENT_STORE, READ_POOL, APP_CONFIG, PROJECTIONS, PROJECTION_WIRING, READ_MODELS],
          useFactory: createRunners,
        },
        {
          provide: CONSISTENCY_GATE,
          inject: [PROJECTION_WIRING, PROJECTION_RUNNERS, EVENT_STORE, READ_POOL, PROJECTIONS],
          useFactory: (wiring: ProjectionWiring, runners: ProjectionWorker[], store: EventStore, pool: SqlPool, projections: Projection[]): ConsistencyGate =>
            wiring.consistency === 'runners'
              ? new RunnersConsistencyGate(runners as ProjectionRunner[])
              : new StoredCheckpointsConsistencyGate(store, pool, projections),
        },
        ProjectionStatusService,
        ProjectionsLifecycle,
      ],
      exports: [READ_MODELS, CONSISTENCY_GATE, PROJECTIONS, PROJECTION_RUNNERS, ProjectionStatusService],
    };
  }
}
