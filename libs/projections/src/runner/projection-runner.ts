import { EventEmitter, once } from 'node:events';
import { isDomainEventType, upcast } from '#domain';
import { inTransaction, type EventStore, type RecordedEvent, type SqlPool } from '#event-store';
import type { Projection, ProjectedEvent } from '../projection.js';
import { readCheckpoint, saveCheckpoint } from './checkpoints.js';

export interface ProjectionRunnerOptions {
  readonly batchSize: number;
  /** Wait before resubscribing after a failed batch (doubles up to 30 s). */
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Follows the log from the projection's stored checkpoint and applies it batch by batch,
 * each batch and its checkpoint in one transaction. A failed batch rolls back whole and
 * is read again from the stored checkpoint, so nothing is skipped or counted twice.
 */
export class ProjectionRunner {
  private readonly progress = new EventEmitter();
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private current: string | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly pool: SqlPool,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.progress.setMaxListeners(0);
  }

  get checkpoint(): string | undefined {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    const stored = await readCheckpoint(this.pool, this.projection.name);
    this.current = stored?.checkpoint;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.follow(controller.signal);
  }

  /** Stops after the batch in progress has committed. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.progress.emit('progress');
  }

  /** Resolves true once the event at `position` is projected, false after `timeoutMs`. */
  async waitUntilCovered(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = AbortSignal.timeout(timeoutMs);
    for (;;) {
      if (await this.store.isCovered(position, this.current)) return true;
      try {
        await once(this.progress, 'progress', { signal: deadline });
      } catch {
        return this.store.isCovered(position, this.current);
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    let delay = this.options.retryDelayMs ?? 500;
    while (!signal.aborted) {
      try {
        for await (const batch of this.store.subscribeToAll({ after: this.current, batchSize: this.options.batchSize, signal })) {
          await this.applyBatch(batch);
          delay = this.options.retryDelayMs ?? 500;
        }
      } catch (error) {
        this.options.onError?.(error);
        const stored = await readCheckpoint(this.pool, this.projection.name).catch(() => undefined);
        this.current = stored?.checkpoint;
        await sleep(delay, signal);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1]!;
    const events = toProjectedEvents(batch);
    await inTransaction(this.pool, async (tx) => {
      // Losing the last commits in a server crash only means projecting those events again:
      // the checkpoint commits with the rows, so nothing is counted twice. No need to wait
      // for the flush to disk. A batch's aggregates (thousands of groups) fit in memory
      // with room to spare at 32 MB; the default 4 MB spills them to temporary files.
      await tx.query("SELECT set_config('synchronous_commit', 'off', true), set_config('work_mem', '32MB', true)");
      if (events.length > 0) await this.projection.apply(tx, events);
      await saveCheckpoint(tx, this.projection.name, this.projection.version, last.checkpoint, last.position, batch.length);
    });
    this.current = last.checkpoint;
    this.progress.emit('progress');
  }
}

/** The log's domain events upcast to their current shapes; other streams' events are skipped. */
export function toProjectedEvents(batch: readonly RecordedEvent[]): ProjectedEvent[] {
  const events: ProjectedEvent[] = [];
  for (const recorded of batch) {
    if (!isDomainEventType(recorded.type)) continue;
    const version = typeof recorded.metadata.schemaVersion === 'number' ? recorded.metadata.schemaVersion : 1;
    events.push({ event: upcast(recorded.type, version, recorded.data), recorded });
  }
  return events;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
