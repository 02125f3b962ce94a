import type { EventStore, LoggedEvent } from '#event-store';
import type { SplitFold } from '../projection.js';
import { foldShare } from './fold-share.js';
import type { ShareFolder, ShareFolderOptions } from './share-folders.js';

/**
 * A first pass split by stream into `shares` folds side by side: in worker threads (one per
 * share but the first, each on a connection of its own, so that the shares use as many
 * cores), or all in this thread (taking turns at each page: what tests of the split use).
 */
export interface SplitPass {
  readonly shares: number;
  readonly in: 'threads' | 'this-thread';
}

export interface SplitPassContext {
  readonly store: EventStore;
  /** The memory of the first share's fold (see foldShare). */
  readonly maxBytes: number;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress: (processed: number) => void;
  /** Starts the fold of another share than the first (1 to shares - 1). */
  readonly foldOtherShare: (options: ShareFolderOptions) => ShareFolder;
}

/**
 * Folds the log up to `through` in shares, the first into `fold`, which then takes the
 * others' rows. Undefined when a share outgrew its part of the memory: the pass is then
 * to be done again in one fold, which can stop early and go on batch by batch.
 */
export async function foldInShares(
  fold: SplitFold,
  { through, forOtherShares }: { readonly through: string; readonly forOtherShares?: Promise<unknown> | undefined },
  of: number,
  context: SplitPassContext,
): Promise<{ processed: number; last: LoggedEvent } | undefined> {
  const counts = new Array<number>(of).fill(0);
  const counted = (index: number) => (processed: number) => {
    counts[index] = processed;
    context.onProgress(sum(counts));
  };
  const failed = new AbortController();
  const signal = context.signal ? AbortSignal.any([context.signal, failed.signal]) : failed.signal;
  const others: ShareFolder[] = [];
  try {
    for (let index = 1; index < of; index++) {
      const other = context.foldOtherShare({ share: { index, of }, through, onProgress: counted(index) });
      // A share that fails ends the pass now, not when the first share is done.
      other.done.catch((error: unknown) => failed.abort(error));
      others.push(other);
    }
    forOtherShares?.then(
      (findings) => others.forEach((other) => other.learn(findings)),
      () => undefined, // the first share's fold throws it
    );
    const mine = await foldShare(context.store, fold, { share: { index: 0, of }, through, maxBytes: context.maxBytes, signal, onProgress: counted(0) });
    if (!mine.complete) return undefined;
    const theirs = await Promise.all(others.map((other) => other.done));
    let processed = mine.processed;
    for (const share of theirs) {
      if (!share.complete) return undefined;
      fold.mergeShare(share.rows);
      processed += share.processed;
    }
    const last = [mine, ...theirs].map((share) => (share.complete ? share.last : undefined)).find((event) => event?.checkpoint === through);
    if (!last) throw new Error(`No share of the log read its last event (${through})`);
    return { processed, last };
  } finally {
    await Promise.all(others.map((other) => other.cancel()));
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
