import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EventStore, SqlPool } from '#event-store';
import {
  readRebuild,
  RebuildAlreadyRunningError,
  runningRebuilds,
  startJournaledRebuild,
  type Projection,
  type RebuildRecord,
} from '#projections';
import { Gauge } from 'prom-client';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import { ApiError } from '../infrastructure/index.js';
import { metricsRegistry } from '../infrastructure/metrics/metrics.registry.js';
import { ProjectionStatusService } from '../projections/projection-status.service.js';
import { PROJECTIONS } from '../projections/projections.tokens.js';
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
    @Inject(PROJECTIONS) private readonly known: readonly Projection[],
    private readonly status: ProjectionStatusService,
  ) {}

  onModuleInit(): void {
    registerGauges(this);
  }

  async startRebuild(projectionName: string): Promise<string> {
    const projection = this.projectionOf(projectionName);
    try {
      const { rebuildId, finished } = await startJournaledRebuild(this.store, this.pool, projection, {
        batchSize: this.config.projectionBatchSize,
        inMemoryHeapMb: this.config.rebuildMemoryMb,
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

  /** Read from the committed checkpoints, so it holds wherever the projections run. */
  projections(): Promise<ProjectionStatusResponseDto[]> {
    return this.status.states();
  }

  async runningRebuilds(): Promise<RebuildRecord[]> {
    return runningRebuilds(this.pool);
  }

  private projectionOf(name: string): Projection {
    const projection = this.known.find((candidate) => candidate.name === name);
    if (!projection) throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Unknown projection', [{ field: 'projection', message: 'unknown projection' }]);
    return projection;
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

/** Rebuild progress, read at scrape time (prom-client awaits `collect`). */
function registerGauges(admin: AdminService): void {
  for (const name of ['danvan_rebuild_processed_events', 'danvan_rebuild_total_events', 'danvan_rebuild_events_per_second']) {
    metricsRegistry.removeSingleMetric(name);
  }
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
