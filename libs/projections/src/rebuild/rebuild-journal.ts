import { randomUUID } from 'node:crypto';
import type { EventStore, SqlPool } from '#event-store';
import type { Projection } from '../projection.js';
import { ProjectionRebuild, type RebuildOptions, type RebuildProgress } from './projection-rebuild.js';

export type RebuildStatus = 'running' | 'done' | 'failed';

export interface RebuildRecord extends RebuildProgress {
  readonly rebuildId: string;
  readonly projection: string;
  readonly version: number;
  readonly status: RebuildStatus;
  readonly startedAt: Date;
  readonly finishedAt: Date | undefined;
  readonly error: string | undefined;
}

/** A rebuild of this projection is already running (in this process or another one). */
export class RebuildAlreadyRunningError extends Error {
  override readonly name = 'RebuildAlreadyRunningError';
  constructor(readonly projection: string, readonly rebuildId: string) {
    super(`A rebuild of ${projection} is already running: ${rebuildId}`);
  }
}

/**
 * A running rebuild records its progress at least this often; one silent for longer died
 * with its process (a kill, a crash) and no longer holds the projection.
 */
const HEARTBEAT_MS = 1000;
const STALE_AFTER_SECONDS = 30;

const COLUMNS = `rebuild_id, projection, version, status, processed, total, events_per_sec, eta_seconds, started_at,
  finished_at, error, updated_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}) AS stale`;

interface RebuildRow {
  rebuild_id: string;
  projection: string;
  version: number;
  status: RebuildStatus;
  processed: string;
  total: string;
  events_per_sec: number;
  eta_seconds: number | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  error: string | null;
  stale: boolean;
}

/**
 * Starts a rebuild and keeps its journal row (rm_rebuilds) up to date: what
 * `GET /v1/admin/rebuilds/{id}` and the CLI report. Resolves with the row id once the
 * rebuild is registered; `finished` settles when it is done or failed.
 */
export async function startJournaledRebuild(
  store: EventStore,
  pool: SqlPool,
  projection: Projection,
  options: RebuildOptions,
): Promise<{ rebuildId: string; finished: Promise<RebuildRecord> }> {
  const rebuildId = randomUUID();
  await register(pool, projection, rebuildId);
  let lastWrite = 0;
  let last: RebuildProgress | undefined;
  const finished = new ProjectionRebuild(store, pool, projection, {
    ...options,
    onProgress: (progress) => {
      last = progress;
      const now = Date.now();
      if (now - lastWrite >= HEARTBEAT_MS) {
        lastWrite = now;
        // Progress rows are advisory: a lost one is overwritten by the next.
        void saveProgress(pool, rebuildId, progress).catch(() => undefined);
      }
      options.onProgress?.(progress);
    },
  })
    .run()
    .then(
      () => finish(pool, rebuildId, 'done', last),
      (error: unknown) => finish(pool, rebuildId, 'failed', last, error instanceof Error ? error.message : String(error)),
    );
  return { rebuildId, finished };
}

async function register(pool: SqlPool, projection: Projection, rebuildId: string): Promise<void> {
  await pool.query(
    `UPDATE rm_rebuilds SET status = 'failed', finished_at = now(), error = 'interrupted: its process stopped'
      WHERE projection = $1 AND status = 'running' AND updated_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`,
    [projection.name],
  );
  const { rows } = await pool.query<{ rebuild_id: string }>(
    `INSERT INTO rm_rebuilds (rebuild_id, projection, version, status) VALUES ($1, $2, $3, 'running')
     ON CONFLICT (projection) WHERE status = 'running' DO NOTHING RETURNING rebuild_id`,
    [rebuildId, projection.name, projection.version],
  );
  if (rows.length > 0) return;
  const { rows: running } = await pool.query<{ rebuild_id: string }>(
    `SELECT rebuild_id FROM rm_rebuilds WHERE projection = $1 AND status = 'running'`,
    [projection.name],
  );
  throw new RebuildAlreadyRunningError(projection.name, running[0]?.rebuild_id ?? 'unknown');
}

async function saveProgress(pool: SqlPool, rebuildId: string, progress: RebuildProgress): Promise<void> {
  await pool.query(
    `UPDATE rm_rebuilds SET processed = $2, total = $3, events_per_sec = $4, eta_seconds = $5, updated_at = now()
      WHERE rebuild_id = $1 AND status = 'running'`,
    [rebuildId, progress.processed, progress.total, progress.eventsPerSec, progress.etaSeconds ?? null],
  );
}

/** Records the outcome with the last progress seen, in one statement, and reads the row back. */
async function finish(
  pool: SqlPool,
  rebuildId: string,
  status: RebuildStatus,
  progress: RebuildProgress | undefined,
  error?: string,
): Promise<RebuildRecord> {
  await pool.query(
    `UPDATE rm_rebuilds SET status = $2, error = $3, finished_at = now(), updated_at = now(),
            processed = COALESCE($4, processed), total = COALESCE($5, total),
            events_per_sec = COALESCE($6, events_per_sec), eta_seconds = $7
      WHERE rebuild_id = $1`,
    [rebuildId, status, error ?? null, progress?.processed ?? null, progress?.total ?? null, progress?.eventsPerSec ?? null, progress?.etaSeconds ?? null],
  );
  return (await readRebuild(pool, rebuildId))!;
}

/** The journal row of a rebuild; a `running` row whose process died reads as failed. */
export async function readRebuild(pool: SqlPool, rebuildId: string): Promise<RebuildRecord | undefined> {
  const { rows } = await pool.query<RebuildRow>(`SELECT ${COLUMNS} FROM rm_rebuilds WHERE rebuild_id = $1`, [rebuildId]);
  return rows[0] && toRecord(rows[0]);
}

/** The running rebuild of each projection that has one. */
export async function runningRebuilds(pool: SqlPool): Promise<RebuildRecord[]> {
  const { rows } = await pool.query<RebuildRow>(`SELECT ${COLUMNS} FROM rm_rebuilds WHERE status = 'running'`);
  return rows.map(toRecord).filter((record) => record.status === 'running');
}

function toRecord(row: RebuildRow): RebuildRecord {
  const interrupted = row.status === 'running' && (row.stale === true || String(row.stale) === 'true');
  return {
    rebuildId: row.rebuild_id,
    projection: row.projection,
    version: Number(row.version),
    status: interrupted ? 'failed' : row.status,
    processed: Number(row.processed),
    total: Number(row.total),
    eventsPerSec: Number(row.events_per_sec),
    etaSeconds: row.eta_seconds === null ? undefined : Number(row.eta_seconds),
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at === null ? undefined : new Date(row.finished_at),
    error: interrupted ? 'interrupted: its process stopped' : (row.error ?? undefined),
  };
}
