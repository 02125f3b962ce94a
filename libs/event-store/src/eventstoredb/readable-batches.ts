import { setImmediate as nextTurn } from 'node:timers/promises';

/** What is used of a Node readable (the client's streams narrow its event signatures). */
export interface BatchSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/**
 * Groups what a readable delivers into batches of up to `batchSize`: a batch leaves as soon
 * as the consumer asks and something is waiting, so live events are not held back to fill
 * it, while a fast catch-up fills batches from what piled up during the last one.
 *
 * Items received before the readable fails are handed out first, then the error is thrown:
 * the consumer's position is then the last item the source really delivered. The source is
 * paused while a full batch waits, so a slow consumer holds the server back, not memory.
 * Ends when the readable ends or the signal aborts (undelivered items are dropped then).
 */
export async function* readableBatches<T>(source: BatchSource, batchSize: number, signal?: AbortSignal): AsyncGenerator<T[]> {
  const pending: T[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  // The source's items are T by the caller's word: a readable carries no element type.
  const onData = (item: unknown) => {
    pending.push(item as T);
    if (pending.length >= batchSize) source.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: unknown) => {
    failure ??= { error };
    notify();
  };
  source.on('data', onData);
  source.once('end', onEnd);
  source.on('error', onError);
  signal?.addEventListener('abort', notify);
  try {
    for (;;) {
      if (signal?.aborted) return;
      if (pending.length > 0) {
        const batch = pending.splice(0, batchSize);
        if (pending.length < batchSize) source.resume();
        yield batch;
        continue;
      }
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      // Let messages that arrived together land in the same batch.
      if (pending.length > 0 && pending.length < batchSize) await nextTurn();
    }
  } finally {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('error', onError);
    signal?.removeEventListener('abort', notify);
  }
}
