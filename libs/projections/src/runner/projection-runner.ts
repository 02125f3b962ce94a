import { EventEmitter, once } from 'node:events';
import type { EventStore, LoggedEvent, SqlPool } from '#event-store';
import type { Projection } from '../projection.js';
import { applyBatchInTransaction, CheckpointMovedError } from './batch-transaction.js';
import { readCheckpoint } from './checkpoints.js';
import { PROJECTED_METADATA } from './projected-events.js';
import { sleep } from './sleep.js';

export interface ProjectionRunnerOptions {
  readonly batchSize: number;
  /** Wait before resubscribing after a failed batch (doubles up to 30 s). */
  readonly retryDelayMs?: number;
  /** How often a runner whose tables need a rebuild looks whether they were swapped. */
  readonly rebuildPollMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * `following`: applying the log. `rebuild required`: the stored tables were built by
 * another version of the projection; they keep serving, untouched, until a rebuild swaps
 * in tables of this version.
 */
export type RunnerStatus = 'stopped' | 'following' | 'rebuild required';

/**
 * Follows the log from the projection's stored checkpoint and applies it batch by batch,
 * each batch and its checkpoint in one transaction. A failed batch rolls back whole and
 * is read again from the stored checkpoint, so nothing is skipped or counted twice; so is
 * a batch that finds the checkpoint moved (a rebuild swapped its tables in).
 */
export class ProjectionRunner {
  private readonly progress = new EventEmitter();
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private current: string | undefined;
  private state: RunnerStatus = 'stopped';

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

  get status(): RunnerStatus {
    return this.state;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.follow(controller.signal);
  }

  /** Stops after the batch in progress has committed. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.state = 'stopped';
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
        const stored = await readCheckpoint(this.pool, this.projection.name);
        this.current = stored?.checkpoint;
        if (stored && stored.version !== this.projection.version) {
          this.state = 'rebuild required';
          await sleep(this.options.rebuildPollMs ?? 1000, signal);
          continue;
        }
        this.state = 'following';
        for await (const batch of this.store.subscribeToAll({ after: this.current, batchSize: this.options.batchSize, signal, metadataKeys: PROJECTED_METADATA })) {
          await this.applyBatch(batch);
          delay = this.options.retryDelayMs ?? 500;
        }
      } catch (error) {
        // Read again from the stored checkpoint at once: a rebuild swapped its tables in.
        if (error instanceof CheckpointMovedError) continue;
        this.options.onError?.(error);
        await sleep(delay, signal);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  private async applyBatch(delivered: readonly LoggedEvent[]): Promise<void> {
    // A subscription may deliver an event again (a resubscription from an older position,
    // a retried read): what the checkpoint already covers was applied and counts once.
    const batch = delivered.filter((event) => this.store.isAfter(event.checkpoint, this.current));
    if (batch.length === 0) return;
    await applyBatchInTransaction(this.pool, this.projection, batch, { after: this.current });
    this.current = batch[batch.length - 1]!.checkpoint;
    this.progress.emit('progress');
  }
}
