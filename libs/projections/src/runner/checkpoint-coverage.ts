import type { EventStore, SqlPool } from '#event-store';
import { readCheckpoint } from './checkpoints.js';
import { sleep } from './sleep.js';

/**
 * Read-your-writes when the projections run in another process: polls the checkpoints
 * they committed until every one covers `position`. True once covered, false when
 * `timeoutMs` passes first.
 */
export async function waitForStoredCheckpoints(
  store: EventStore,
  db: Pick<SqlPool, 'query'>,
  projections: readonly string[],
  position: bigint,
  options: { timeoutMs: number; pollMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  const never = new AbortController().signal;
  for (;;) {
    if (await storedCheckpointsCover(store, db, projections, position)) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(options.pollMs ?? 50, left), never);
  }
}

async function storedCheckpointsCover(
  store: EventStore,
  db: Pick<SqlPool, 'query'>,
  projections: readonly string[],
  position: bigint,
): Promise<boolean> {
  for (const name of projections) {
    const stored = await readCheckpoint(db, name);
    if (!stored || !(await store.isCovered(position, stored.checkpoint))) return false;
  }
  return true;
}
