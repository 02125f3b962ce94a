import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventStore, SqlPool } from '#event-store';
import { leaseIsHeld, readCheckpoint, runningRebuilds, type ElectedRunnerStatus, type Projection } from '#projections';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../infrastructure/metrics/metrics.registry.js';
import { EVENT_STORE, READ_POOL } from '../store/store.tokens.js';
import { projectionStatus, type ProjectionStatus, type ProjectionWiring } from './projection-wiring.js';
import { PROJECTION_RUNNERS, PROJECTION_WIRING, PROJECTIONS, type ProjectionWorker } from './projections.tokens.js';

export interface ProjectionState {
  readonly name: string;
  readonly version: number;
  /** Global position of the last event projected, as committed in the read models. */
  readonly position: string | null;
  /** Events of the log after the committed checkpoint. */
  readonly lag: number;
  readonly status: ProjectionStatus;
}

/**
 * Each projection's state read from what is committed (the checkpoint row, the lease, the
 * rebuild journal), so it reads the same in the API and in the projector, whichever
 * process projects. Also feeds `danvan_projection_lag_events` in /metrics.
 */
@Injectable()
export class ProjectionStatusService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_POOL) private readonly pool: SqlPool,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(PROJECTION_RUNNERS) private readonly runners: readonly ProjectionWorker[],
    @Inject(PROJECTION_WIRING) private readonly wiring: ProjectionWiring,
  ) {}

  onModuleInit(): void {
    registerLagGauge(this);
  }

  async states(): Promise<ProjectionState[]> {
    const rebuilding = new Set((await runningRebuilds(this.pool)).map((record) => record.projection));
    return Promise.all(
      this.projections.map(async (projection) => {
        const stored = await readCheckpoint(this.pool, projection.name);
        const local: ElectedRunnerStatus | undefined = this.runners.find((runner) => runner.projection.name === projection.name)?.status;
        // Embedded mode has no leases: its one process is the only possible projector.
        const leaseHeld = this.wiring.consistency === 'stored-checkpoints' ? await leaseIsHeld(this.pool, projection.name) : undefined;
        return {
          name: projection.name,
          version: projection.version,
          position: stored ? stored.position.toString() : null,
          lag: await this.store.countAfter(stored?.checkpoint),
          status: projectionStatus({ rebuilding: rebuilding.has(projection.name), local, leaseHeld, storedVersion: stored?.version, version: projection.version }),
        };
      }),
    );
  }
}

/** Read at scrape time (prom-client awaits `collect`). */
function registerLagGauge(service: ProjectionStatusService): void {
  metricsRegistry.removeSingleMetric('danvan_projection_lag_events');
  new Gauge({
    name: 'danvan_projection_lag_events',
    help: 'Events of the log a projection has not processed yet (log head minus committed checkpoint)',
    labelNames: ['projection'],
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const state of await service.states()) this.set({ projection: state.name }, state.lag);
    },
  });
}
