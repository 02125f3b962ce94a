import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EventStore, SqlPool } from '#event-store';
import {
  readCheckpoint,
  readRebuild,
  RebuildAlreadyRunningError,
  runningRebuilds,
  startJournaledRebuild,
  type ProjectionRunner,
  type RebuildRecord,
} from '#projections';
import { Gauge } from 'prom-client';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import { ApiError } from '../infrastructure/index.js';
import { metricsRegistry } from '../infrastructure/metrics/metrics.registry.js';
import { PROJECTION_RUNNERS } from '../projections/projections.module.js';
import { EVENT_STORE, READ_POOL } from '../store/store.tokens.js';
import type { ProjectionStatusResponseDto, RebuildResponseDto } from './admin.dto.js';

/**
 * Rebuilds run in this process, beside the live runners, and are journaled in rm_rebuilds
 * so their progress reads the same here, in the CLI and after a restart.
 */
@Injectable()
export class AdminService implements OnModuleInit {
  private readonly logger = new Logger('Rebuilds');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_POOL) private readonly pool: SqlPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTION_RUNNERS) private readonly runners: readonly ProjectionRunner[],
  ) {}

  onModuleInit(): void {
    registerGauges(this);
  }

  async startRebuild(projectionName: string): Promise<string> {
    const projection = this.runnerOf(projectionName).projection;
    try {
      const { rebuildId, finished } = await startJournaledRebuild(this.store, this.pool, projection, {
        batchSize: this.config.projectionBatchSize,
      });
      void finished.then((record) =>
        record.status === 'done'
          ? this.logger.log(`rebuild ${rebuildId} of ${projectionName} done: ${record.processed} events`)
          : this.logger.error(`rebuild ${rebuildId} of ${projectionName} failed: ${record.error}`),
      );
      return rebuildId;
    } catch (error) {
      if (error instanceof RebuildAlreadyRunningError) {
        throw new ApiError(HttpStatus.CONFLICT, 'REBUILD_ALREADY_RUNNING', error.message, [{ field: 'projection', message: `rebuild ${error.rebuildId} is running` }]);
      }
      throw error;
    }
  }

  async rebuild(rebuildId: string): Promise<RebuildResponseDto> {
    const record = await readRebuild(this.pool, rebuildId);
    if (!record) throw new ApiError(HttpStatus.NOT_FOUND, 'REBUILD_NOT_FOUND', `Rebuild ${rebuildId} does not exist`, [{ field: 'rebuildId', message: 'unknown' }]);
    return rebuildView(record);
  }

  async projections(): Promise<ProjectionStatusResponseDto[]> {
    const rebuilding = new Set((await runningRebuilds(this.pool)).map((record) => record.projection));
    return Promise.all(
      this.runners.map(async (runner) => {
        const stored = await readCheckpoint(this.pool, runner.projection.name);
        return {
          name: runner.projection.name,
          version: runner.projection.version,
          position: stored ? stored.position.toString() : null,
          lag: await this.store.countAfter(stored?.checkpoint),
          status: rebuilding.has(runner.projection.name) ? 'rebuilding' : runner.status,
        };
      }),
    );
  }

  async runningRebuilds(): Promise<RebuildRecord[]> {
    return runningRebuilds(this.pool);
  }

  private runnerOf(name: string): ProjectionRunner {
    const runner = this.runners.find((candidate) => candidate.projection.name === name);
    if (!runner) throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Unknown projection', [{ field: 'projection', message: 'unknown projection' }]);
    return runner;
  }
}

function rebuildView(record: RebuildRecord): RebuildResponseDto {
  return {
    rebuildId: record.rebuildId,
    projection: record.projection,
    version: record.version,
    status: record.status,
    processed: record.processed,
    total: record.total,
    eventsPerSec: record.eventsPerSec,
    ...(record.etaSeconds === undefined ? {} : { etaSeconds: record.etaSeconds }),
    startedAt: record.startedAt.toISOString(),
    ...(record.finishedAt ? { finishedAt: record.finishedAt.toISOString() } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}

/** Lag and rebuild progress, read at scrape time (prom-client awaits `collect`). */
function registerGauges(admin: AdminService): void {
  for (const name of ['danvan_projection_lag_events', 'danvan_rebuild_processed_events', 'danvan_rebuild_total_events', 'danvan_rebuild_events_per_second']) {
    metricsRegistry.removeSingleMetric(name);
  }
  new Gauge({
    name: 'danvan_projection_lag_events',
    help: 'Events of the log a projection has not processed yet',
    labelNames: ['projection'],
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const projection of await admin.projections()) this.set({ projection: projection.name }, projection.lag);
    },
  });
  const rebuildGauge = (name: string, help: string, value: (record: RebuildRecord) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'],
      registers: [metricsRegistry],
      async collect() {
        this.reset();
        for (const record of await admin.runningRebuilds()) this.set({ projection: record.projection }, value(record));
      },
    });
  rebuildGauge('danvan_rebuild_processed_events', 'Events a running rebuild has processed', (r) => r.processed);
  rebuildGauge('danvan_rebuild_total_events', 'Events a running rebuild has to process in all', (r) => r.total);
  rebuildGauge('danvan_rebuild_events_per_second', 'Rate of a running rebuild', (r) => r.eventsPerSec);
}
