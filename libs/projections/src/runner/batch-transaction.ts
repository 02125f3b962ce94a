import { inTransaction, type LoggedEvent, type SqlClient, type SqlPool } from '#event-store';
import type { Projection } from '../projection.js';
import { readCheckpoint, saveCheckpoint } from './checkpoints.js';
import { toProjectedEvents } from './projected-events.js';

/**
 * The stored checkpoint is not the one this writer started from: another writer (a
 * rebuild swapping its tables in, a second runner) moved it. Nothing was written.
 */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(readonly projection: string, readonly expected: string | undefined, readonly stored: string | undefined) {
    super(`Projection ${projection}: checkpoint moved from ${String(expected)} to ${String(stored)}`);
  }
}

export interface BatchTarget {
  /** Where the projection's tables are read and written first (a rebuild's own schema). */
  readonly schema?: string | undefined;
  /** The checkpoint the batch follows; the stored one must still be it. */
  readonly after: string | undefined;
}

/**
 * Applies one batch and saves its checkpoint in one transaction. The checkpoint row is
 * locked first and compared with `target.after`, so two writers of one projection's
 * tables can never both apply the events after the same checkpoint.
 */
export async function applyBatchInTransaction(
  pool: SqlPool,
  projection: Projection,
  batch: readonly LoggedEvent[],
  target: BatchTarget,
): Promise<void> {
  const events = toProjectedEvents(batch);
  await writeUpToCheckpoint(pool, projection, target, { last: batch[batch.length - 1]!, count: batch.length }, async (tx) => {
    if (events.length > 0) await projection.apply(tx, events);
  });
}

/** The last event whose rows a write holds, and how many events it covered. */
export interface WrittenThrough {
  readonly last: LoggedEvent;
  readonly count: number;
}

/**
 * Writes the rows of the events after `target.after` up to `through.last` (`write`) and
 * moves the checkpoint there, in one transaction, under the same guard as a batch.
 */
export async function writeUpToCheckpoint(
  pool: SqlPool,
  projection: Projection,
  target: BatchTarget,
  through: WrittenThrough,
  write: (tx: SqlClient) => Promise<void>,
): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await configureWriteTransaction(tx, target.schema);
    const stored = await readCheckpoint(tx, projection.name, { forUpdate: true });
    if (stored?.checkpoint !== target.after) throw new CheckpointMovedError(projection.name, target.after, stored?.checkpoint);
    await write(tx);
    await saveCheckpoint(tx, projection.name, projection.version, through.last.checkpoint, through.last.position, through.count);
  });
}

/** The settings of a transaction that writes a projection's tables, in `schema` first if given. */
export async function configureWriteTransaction(tx: SqlClient, schema: string | undefined): Promise<void> {
  // Losing the last commits in a server crash only means projecting those events again:
  // the checkpoint commits with the rows, so nothing is counted twice. No need to wait
  // for the flush to disk. A batch's aggregates (thousands of groups) fit in memory
  // with room to spare at 32 MB; the default 4 MB spills them to temporary files.
  // A rebuild's schema goes first in the search path: its tables shadow the live ones.
  await tx.query(
    `SELECT set_config('synchronous_commit', 'off', true), set_config('work_mem', '32MB', true),
            set_config('search_path', concat_ws(', ', quote_ident($1::text), current_setting('search_path')), true)`,
    [schema ?? null],
  );
}
