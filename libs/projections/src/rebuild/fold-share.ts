import { getHeapStatistics } from 'node:v8';
import type { EventStore, LogShare, LoggedEvent } from '#event-store';
import type { SplitFold } from '../projection.js';
import { PROJECTED_METADATA, toProjectedEvents } from '../runner/projected-events.js';
import { PrefetchingReader } from './prefetching-reader.js';

/**
 * The first pass reads pages of its own size whatever the batch size. Small enough, a page
 * dies young instead of being promoted to the old generation, which keeps the peak memory
 * near the fold's own; each page costs a query and a round of promises, so not smaller
 * (1,000,000 events: peak RSS ~540 MB with pages of 1,000 to 3,000, ~750 MB with 5,000;
 * the first pass ~1.5 s faster with 2,000 or 3,000 than with 1,000).
 */
export const IN_MEMORY_PAGE = 2000;

/** The heap, and the buffers outside it (rows a fold holds as COPY text), of this thread. */
export function memoryInUse(): number {
  const { used_heap_size, external_memory } = getHeapStatistics();
  return used_heap_size + external_memory;
}

export interface ShareToFold {
  readonly share: LogShare;
  /** The checkpoint of the last event to fold (see FoldBounds.stopAfter). */
  readonly through: string;
  /** The fold gives up once this thread uses more memory (see memoryInUse). */
  readonly maxBytes: number;
  readonly signal?: AbortSignal | undefined;
  /** After each page: the events of the share folded so far (not those of other shares). */
  readonly onProgress?: (processed: number) => void;
}

export type ShareFolded =
  | { readonly complete: true; readonly processed: number; readonly last: LoggedEvent | undefined }
  | { readonly complete: false };

/** Folds one share of the log up to `through`, unless it outgrows its memory first. */
export async function foldShare(store: EventStore, fold: SplitFold, { share, through, maxBytes, signal, onProgress }: ShareToFold): Promise<ShareFolded> {
  const readShare = store.readShare?.bind(store);
  if (!readShare) throw new Error('This event store cannot read a share of the log');
  const pages = new PrefetchingReader((after) =>
    readShare({ after, limit: IN_MEMORY_PAGE, metadataKeys: PROJECTED_METADATA, share, typesOfEveryShare: fold.typesOfEveryShare, through }),
  );
  let last: LoggedEvent | undefined;
  let processed = 0;
  for (;;) {
    signal?.throwIfAborted();
    // The heap in use includes garbage not yet collected: the share may give up a little early.
    if (memoryInUse() > maxBytes) return { complete: false };
    const page = await pages.read(last?.checkpoint);
    if (page.length === 0) return { complete: true, processed, last };
    last = page[page.length - 1]!;
    pages.prefetch(last.checkpoint);
    await fold.apply(toProjectedEvents(page));
    for (const event of page) if (!event.otherShare) processed++;
    onProgress?.(processed);
  }
}
