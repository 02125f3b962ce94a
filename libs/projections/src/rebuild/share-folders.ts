import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventStore, LogShare, LoggedEvent, StoreSource } from '#event-store';
import { isSplitFold, type Projection, type SplitFold } from '../projection.js';
import { foldShare } from './fold-share.js';

/** One share of the log as its fold hands it over: its rows, or none when it outgrew its memory. */
export type FoldedShareRows =
  | { readonly complete: true; readonly processed: number; readonly last: LoggedEvent | undefined; readonly rows: unknown }
  | { readonly complete: false };

/** The fold of one share (not the first) of the log, running beside the first share's. */
export interface ShareFolder {
  /** Takes what the first share's `begin` found for the others (see FoldBounds.forOtherShares). */
  learn(findings: unknown): void;
  readonly done: Promise<FoldedShareRows>;
  /** Stops it, if it still runs. */
  cancel(): Promise<void>;
}

export interface ShareFolderOptions {
  readonly projection: Projection;
  readonly share: LogShare;
  readonly through: string;
  readonly maxBytes: number;
  readonly onProgress: (processed: number) => void;
}

export function splitFoldOf(projection: Projection): SplitFold {
  const fold = projection.foldInMemory?.();
  if (!fold || !isSplitFold(fold)) throw new Error(`${projection.name} cannot fold the log in shares`);
  return fold;
}

/** The share folded in this thread, a page at a time between the first share's pages. */
export function foldShareHere(store: EventStore, { projection, share, through, maxBytes, onProgress }: ShareFolderOptions): ShareFolder {
  const fold = splitFoldOf(projection);
  const stop = new AbortController();
  const done = foldShare(store, fold, { share, through, maxBytes, signal: stop.signal, onProgress }).then(
    (folded): FoldedShareRows => (folded.complete ? { ...folded, rows: fold.takeShare().rows } : folded),
  );
  done.catch(() => undefined); // awaited by the caller
  return {
    learn: (findings) => fold.learn(findings),
    done,
    async cancel() {
      stop.abort();
      await done.catch(() => undefined);
    },
  };
}

/** What the thread of fold-share-worker.ts is started with. */
export interface ShareThreadData {
  readonly projection: string;
  readonly source: StoreSource;
  readonly share: LogShare;
  readonly through: string;
  readonly maxBytes: number;
}

export type ToShareThread = { readonly kind: 'learn'; readonly findings: unknown };
export type FromShareThread =
  | { readonly kind: 'progress'; readonly processed: number }
  | { readonly kind: 'server-process'; readonly pid: number }
  | { readonly kind: 'done'; readonly folded: FoldedShareRows };

/** Built beside this module (the TypeScript sources have no such file: threads need the build). */
const WORKER_SCRIPT = new URL('./fold-share-worker.js', import.meta.url);

/**
 * The share folded in a worker thread of this process, reading it over a connection of its
 * own: the second core folds while this thread folds the first share. The server process
 * of each of its sessions is handed to `onServerProcess`, as this thread's pool does.
 */
export function foldShareInThread(
  source: StoreSource,
  { projection, share, through, maxBytes, onProgress }: ShareFolderOptions,
  onServerProcess?: (pid: number) => void,
): ShareFolder {
  if (!existsSync(fileURLToPath(WORKER_SCRIPT))) {
    throw new Error(`Folding the log in threads needs ${fileURLToPath(WORKER_SCRIPT)}, which only the build has (npm run build)`);
  }
  const data: ShareThreadData = { projection: projection.name, source, share, through, maxBytes };
  const worker = new Worker(WORKER_SCRIPT, { workerData: data });
  const done = new Promise<FoldedShareRows>((resolve, reject) => {
    worker.on('message', (message: FromShareThread) => {
      if (message.kind === 'progress') onProgress(message.processed);
      else if (message.kind === 'server-process') onServerProcess?.(message.pid);
      else resolve(message.folded);
    });
    worker.on('error', reject);
    // After `done` resolved this changes nothing.
    worker.on('exit', (code) => reject(new Error(`The thread folding share ${share.index} of ${share.of} ended (exit code ${code}) before it was done`)));
  });
  done.catch(() => undefined); // awaited by the caller
  return {
    learn: (findings) => worker.postMessage({ kind: 'learn', findings } satisfies ToShareThread),
    done,
    async cancel() {
      await worker.terminate();
    },
  };
}
