import { setTimeout as delay } from 'node:timers/promises';
import { hasSqlState, inTransaction, PGlitePool, serverPoolSettings, type EventStore, type LoggedEvent, type SqlPool, type StoreSource } from '#event-store';
import { isSplitFold, type FoldBounds, type InMemoryFold, type Projection, type SplitFold, type TableLoad } from '../projection.js';
import { applyBatchInTransaction, configureWriteTransaction, writeUpToCheckpoint, type WrittenThrough } from '../runner/batch-transaction.js';
import { PROJECTED_METADATA, toProjectedEvents } from '../runner/projected-events.js';
import { readCheckpoint, type StoredCheckpoint } from '../runner/checkpoints.js';
import { IN_MEMORY_PAGE, memoryInUse } from './fold-share.js';
import { PrefetchingReader } from './prefetching-reader.js';
import { foldShareHere, ShareThread } from './share-folders.js';
import { foldInShares, type SplitPass } from './split-first-pass.js';
import {
  createShadowTables,
  dropRetiredTables,
  finishShadowTables,
  rebuildSchemasFor,
  loadShadowTables,
  shadowTablesExist,
  swapInShadowTables,
  type CreatedSchemas,
  type RebuildSchemas,
} from './shadow-tables.js';

export interface RebuildProgress {
  readonly processed: number;
  /** Events of the log to process in all (grows while new events arrive). */
  readonly total: number;
  readonly eventsPerSec: number;
  /** Seconds left at the current rate; undefined before the first batch. */
  readonly etaSeconds: number | undefined;
}

export interface RebuildOptions {
  readonly batchSize: number;
  /**
   * A first pass folds the log in memory (when the projection can, and the rebuild starts
   * clean) until it has used this much memory (MB: the heap, and the buffers of rows held
   * as text) or folded `inMemoryEvents`, then writes;
   * the rest goes batch by batch. period-stats needs ~250 MB per million events.
   */
  readonly inMemoryHeapMb?: number;
  readonly inMemoryEvents?: number;
  /**
   * The first pass split by stream into folds side by side (see SplitPass), where the
   * projection's fold and the store allow it (a PostgreSQL store; on a server for threads)
   * and no `inMemoryEvents` bound is set; otherwise one fold.
   */
  readonly split?: SplitPass;
  /** Called once the first pass is split, with the number of shares. */
  readonly onSplit?: (shares: number) => void;
  readonly onProgress?: (progress: RebuildProgress) => void;
  readonly signal?: AbortSignal;
}

export interface RebuildResult {
  readonly processed: number;
  /** Whether it went on from tables an interrupted rebuild of the same version had left. */
  readonly resumed: boolean;
}

/**
 * At 640 MB a national log of 1,000,000 events fits in the first pass, and the process
 * stays under 1 GB (docs/PERFORMANCE.md).
 */
export const DEFAULT_IN_MEMORY_HEAP_MB = 640;

/** Times in a row the rebuild may find the live tables ahead and nothing new in the log. */
const SWAP_ATTEMPTS = 20;

/**
 * How long the swap waits for the live tables' locks before it lets go of those it holds
 * and tries again: first 100 ms, doubling on each try up to 800 ms, so that a live batch
 * longer than the first waits cannot keep it out, but always below the server's
 * deadlock_timeout (1 s by default). A reader holding one live table and asking for another
 * then never waits on the swap long enough to be a deadlock's victim: the swap gives way.
 */
const SWAP_LOCK_TIMEOUTS_MS = { first: 100, most: 800 };
/** How long the swap keeps trying to lock the live tables (readers and live batches in the way). */
const SWAP_LOCKING_MS = 120_000;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Blue/green rebuild of one projection: fills fresh tables in a schema of their own from
 * position 0 while the live tables keep serving and their runner keeps following the log;
 * at the head of the log, one transaction swaps the new tables in. Interrupted, it leaves
 * the live tables untouched; run again, it resumes from its own checkpoint when the tables
 * it left were built by the same projection version, else starts clean.
 */
export class ProjectionRebuild {
  constructor(
    private readonly store: EventStore,
    private readonly pool: SqlPool,
    private readonly projection: Projection,
    private readonly options: RebuildOptions,
  ) {}

  async run(): Promise<RebuildResult> {
    const schemas = await rebuildSchemasFor(this.pool, this.projection);
    const resumedFrom = await this.resumable(schemas);
    const fold = resumedFrom ? undefined : this.projection.foldInMemory?.();
    const split = fold && this.splitOf(fold);
    try {
      return await this.rebuild(schemas, resumedFrom, fold, split);
    } finally {
      await Promise.all(split?.threads.map((thread) => thread.stop()) ?? []);
    }
  }

  private async rebuild(
    schemas: RebuildSchemas,
    resumedFrom: StoredCheckpoint | undefined,
    fold: InMemoryFold | undefined,
    split: PlannedSplit | undefined,
  ): Promise<RebuildResult> {
    // What the fold asks the store first (a scan of the log on the server) overlaps the set-up.
    const bounds = fold?.begin(this.store);
    bounds?.catch(() => undefined); // awaited below
    const created = resumedFrom ? undefined : await createShadowTables(this.pool, this.projection, schemas, { logged: fold !== undefined });
    let after = resumedFrom?.checkpoint;
    let processed = resumedFrom?.eventsProcessed ?? 0;
    const meter = new RateMeter(processed);
    let total = processed + (await this.store.countAfter(after));

    // Whether a first pass went as far as the log (or its bound): it loaded and analysed the
    // tables with all but the last few events.
    let firstPassComplete = false;
    if (fold && bounds && created) {
      const pass = await this.firstPass(fold, await bounds, { ...schemas, created }, meter, total, split);
      ({ after, processed } = pass);
      firstPassComplete = pass.complete;
      total = Math.max(total, processed);
    }
    const pages = this.readerOfPages(this.options.batchSize);
    let logged = false;
    for (let attempt = 0; ; ) {
      this.options.signal?.throwIfAborted();
      const page = await pages.read(after);
      if (page.length > 0) {
        const next = page[page.length - 1]!.checkpoint;
        pages.prefetch(next);
        await applyBatchInTransaction(this.pool, this.projection, page, { schema: schemas.shadow, after });
        after = next;
        processed += page.length;
        total = Math.max(total, processed);
        attempt = 0;
        this.options.onProgress?.(meter.progress(processed, total));
        continue;
      }
      if (!logged) {
        // At the head once: the tables are finished (made crash-safe, ordered when batches
        // filled them, analysed) outside the swap's transaction, and the events that arrive
        // meanwhile are read on before swapping.
        await finishShadowTables(this.pool, this.projection, schemas, { cluster: fold === undefined, analyze: !firstPassComplete });
        // What an earlier swap may have left (a crash before it dropped them), not under the swap's locks.
        await dropRetiredTables(this.pool, schemas);
        logged = true;
        continue;
      }
      if (await this.swapIfAheadWhenLocked(schemas)) {
        // The rebuild is done once swapped: a failure to tidy up leaves the old tables to the next one.
        await dropRetiredTables(this.pool, schemas).catch(() => undefined);
        break;
      }
      // The live tables hold events this read did not see yet: read on. Only when reads
      // keep finding nothing new is something wrong.
      if (++attempt >= SWAP_ATTEMPTS) throw new Error(`Rebuild of ${this.projection.name} could not catch up with the live projection`);
      total = processed + (await this.store.countAfter(after));
    }
    this.options.onProgress?.(meter.progress(processed, processed));
    return { processed, resumed: resumedFrom !== undefined };
  }

  /** The first pass: split into shares where it can be (see RebuildOptions.split), else one fold. */
  private async firstPass(
    fold: InMemoryFold,
    bounds: FoldBounds,
    schemas: CreatedSchemas,
    meter: RateMeter,
    total: number,
    planned: PlannedSplit | undefined,
  ): Promise<{ after: string | undefined; processed: number; complete: boolean }> {
    const through = bounds.stopAfter;
    if (!planned || through === undefined) return this.foldInMemory(fold, bounds, schemas, meter, total);
    const { split, threads } = planned;
    this.options.onSplit?.(split.shares);
    const maxBytes = this.shareMaxBytes(split);
    const folded = await foldInShares(planned.fold, { through, forOtherShares: bounds.forOtherShares }, split.shares, {
      store: this.store,
      maxBytes,
      signal: this.options.signal,
      onProgress: (processed) => this.options.onProgress?.(meter.progress(processed, Math.max(total, processed))),
      foldOtherShare: (options) =>
        split.in === 'threads' ? threads[options.share.index - 1]!.fold(options.through, options.onProgress) : foldShareHere(this.store, this.projection, maxBytes, options),
    });
    if (folded) {
      await this.writeLoads(planned.fold.loads(), schemas, { last: folded.last, count: folded.processed });
      return { after: folded.last.checkpoint, processed: folded.processed, complete: true };
    }
    // A share outgrew its memory: the pass again in one fold, which stops early and leaves
    // the rest of the log to batches.
    const again = this.projection.foldInMemory!();
    return this.foldInMemory(again, await again.begin(this.store), schemas, meter, total);
  }

  /**
   * The split the options ask for, where the fold and the store allow it (see
   * RebuildOptions.split), with its threads started now, so that they have loaded their
   * modules when the pass begins.
   */
  private splitOf(fold: InMemoryFold): PlannedSplit | undefined {
    const split = this.options.split;
    if (!split || split.shares < 2 || !isSplitFold(fold) || !this.store.readShare || this.options.inMemoryEvents !== undefined) return undefined;
    if (split.in === 'this-thread') return { split, fold, threads: [] };
    const source = this.store.sourceForThreads?.();
    return source ? { split, fold, threads: this.startShareThreads(split, source) } : undefined;
  }

  private startShareThreads(split: SplitPass, source: StoreSource): ShareThread[] {
    const onServerProcess = serverPoolSettings(this.pool)?.onLocalServerProcess;
    const threads: ShareThread[] = [];
    for (let index = 1; index < split.shares; index++) {
      threads.push(new ShareThread(source, this.projection, { index, of: split.shares }, this.shareMaxBytes(split), onServerProcess));
    }
    return threads;
  }

  /** Threads have a heap each; in this thread the shares share one. */
  private shareMaxBytes(split: SplitPass): number {
    return split.in === 'threads' ? this.maxBytes() / split.shares : this.maxBytes();
  }

  private maxBytes(): number {
    return (this.options.inMemoryHeapMb ?? DEFAULT_IN_MEMORY_HEAP_MB) * 1024 * 1024;
  }

  private readerOfPages(limit: number): PrefetchingReader {
    return new PrefetchingReader((after) => this.store.readAll({ after, limit, metadataKeys: PROJECTED_METADATA }));
  }

  /**
   * The first pass into the empty tables: folds the log in memory page by page, then writes
   * every table once, and the checkpoint after them. Killed before that commit, it leaves
   * tables without a checkpoint, and the next run starts clean.
   */
  private async foldInMemory(
    fold: InMemoryFold,
    { stopAfter }: FoldBounds,
    schemas: CreatedSchemas,
    meter: RateMeter,
    total: number,
  ): Promise<{ after: string | undefined; processed: number; complete: boolean }> {
    const pages = this.readerOfPages(IN_MEMORY_PAGE);
    const maxEvents = this.options.inMemoryEvents ?? Number.POSITIVE_INFINITY;
    const maxHeapBytes = this.maxBytes();
    let last: LoggedEvent | undefined;
    let processed = 0;
    let bounded = false;
    let reachedHead = false;
    // The heap in use includes garbage not yet collected: the pass may stop a little early.
    while (!bounded && processed < maxEvents && memoryInUse() < maxHeapBytes) {
      this.options.signal?.throwIfAborted();
      let page = await pages.read(last?.checkpoint);
      if (page.length === 0) {
        reachedHead = true;
        break;
      }
      const bound = stopAfter === undefined ? -1 : page.findIndex((event) => event.checkpoint === stopAfter);
      bounded = bound >= 0;
      if (bounded) page = page.slice(0, bound + 1);
      last = page[page.length - 1]!;
      if (!bounded) pages.prefetch(last.checkpoint);
      await fold.apply(toProjectedEvents(page));
      processed += page.length;
      this.options.onProgress?.(meter.progress(processed, Math.max(total, processed)));
    }
    if (!last) return { after: undefined, processed, complete: reachedHead };
    await this.writeLoads(fold.loads(), schemas, { last, count: processed });
    return { after: last.checkpoint, processed, complete: reachedHead || bounded };
  }

  /**
   * Writes the first pass's rows, each load in a transaction of its own, two at a time on
   * a PostgreSQL server (one per core), then the checkpoint. A transaction that writes holds
   * back the store's readers until it ends (see VISIBLE in the PostgreSQL store): short
   * ones keep the live projection and `consistentWith` reads waiting seconds, not the whole
   * write. Interrupted before the checkpoint, the tables have none, and the next run starts
   * clean.
   */
  private async writeLoads(loads: readonly TableLoad[], schemas: CreatedSchemas, through: WrittenThrough): Promise<void> {
    const named = loads.flatMap((load) => load.tables).sort();
    if (named.join() !== [...this.projection.tables].sort().join()) {
      throw new Error(`The loads of ${this.projection.name} name ${named.join(', ')}, not its tables`);
    }
    // PGlite has one session: its loads take turns.
    await eachAtMost(this.pool instanceof PGlitePool ? 1 : 2, loads, (load) =>
      inTransaction(this.pool, async (tx) => {
        await configureWriteTransaction(tx, schemas.shadow);
        await loadShadowTables(tx, schemas, load.tables, () => load.write(tx));
      }),
    );
    await writeUpToCheckpoint(this.pool, this.projection, { schema: schemas.shadow, after: undefined }, through, async () => undefined);
  }

  /** The checkpoint of tables an interrupted rebuild of this version left, if any. */
  private async resumable(schemas: RebuildSchemas): Promise<StoredCheckpoint | undefined> {
    if (!(await shadowTablesExist(this.pool, this.projection, schemas))) return undefined;
    const stored = await readCheckpoint(this.pool, this.projection.name, { schema: schemas.shadow });
    return stored?.version === this.projection.version ? stored : undefined;
  }

  /** swapIfAhead, again while the live tables' locks are not to be had in time. */
  private async swapIfAheadWhenLocked(schemas: RebuildSchemas): Promise<boolean> {
    const deadline = performance.now() + SWAP_LOCKING_MS;
    for (let lockTimeoutMs = SWAP_LOCK_TIMEOUTS_MS.first; ; lockTimeoutMs = Math.min(2 * lockTimeoutMs, SWAP_LOCK_TIMEOUTS_MS.most)) {
      try {
        return await this.swapIfAhead(schemas, lockTimeoutMs);
      } catch (error) {
        if (!hasSqlState(error, LOCK_NOT_AVAILABLE) || performance.now() > deadline) throw error;
      }
      this.options.signal?.throwIfAborted();
      // What holds the locks (a reader's statement, a live batch) ends meanwhile.
      await delay(lockTimeoutMs / 2);
    }
  }

  /**
   * Swaps the tables in unless the live runner has meanwhile projected events the new
   * tables lack (readers would briefly see fewer facts than before): the live checkpoint
   * row, locked here, is the one every live batch locks first.
   */
  private async swapIfAhead(schemas: RebuildSchemas, lockTimeoutMs: number): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      await tx.query(`SELECT set_config('lock_timeout', $1, true)`, [`${lockTimeoutMs}ms`]);
      const { rows } = await tx.query<{ live: string | null; rebuilt: string | null }>(
        `SELECT (SELECT position FROM "${schemas.live}".rm_projection_checkpoints WHERE projection = $1 FOR UPDATE) AS live,
                (SELECT position FROM "${schemas.shadow}".rm_projection_checkpoints WHERE projection = $1) AS rebuilt`,
        [this.projection.name],
      );
      const { live, rebuilt } = rows[0]!;
      if (live !== null && (rebuilt === null || BigInt(live) > BigInt(rebuilt))) return false;
      await swapInShadowTables(tx, this.projection, schemas);
      return true;
    });
  }
}

/**
 * Runs `work` on each item, at most `limit` at a time. After a failure no item starts; the
 * ones running finish before it is thrown.
 */
async function eachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      await work(item).catch((error: unknown) => (failure ??= { error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
}

/** A first pass to split: the fold of its first share, and the threads of the others (if in threads). */
interface PlannedSplit {
  readonly split: SplitPass;
  readonly fold: SplitFold;
  readonly threads: readonly ShareThread[];
}

class RateMeter {
  private readonly startedAt = performance.now();
  constructor(private readonly startedWith: number) {}

  progress(processed: number, total: number): RebuildProgress {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const eventsPerSec = seconds > 0 ? Math.round((processed - this.startedWith) / seconds) : 0;
    const left = total - processed;
    const etaSeconds = left <= 0 ? 0 : eventsPerSec > 0 ? Math.ceil(left / eventsPerSec) : undefined;
    return { processed, total, eventsPerSec, etaSeconds };
  }
}
