import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventStore, LogShare, StoreSource } from '#event-store';
import { isSplitFold, type Projection, type SplitFold } from '../projection.js';
import { foldShare, type ShareFolded } from './fold-share.js';

/** One share of the log as its fold hands it over: its rows, or none when it outgrew its memory. */
export type FoldedShareRows = (Extract<ShareFolded, { complete: true }> & { readonly rows: unknown }) | Extract<ShareFolded, { complete: false }>;

/** The fold of one share (not the first) of the log, running beside the first share's. */
export interface ShareFolder {
  /** Takes what the first share's `begin` found for the others (see FoldBounds.forOtherShares). */
  learn(findings: unknown): void;
  readonly done: Promise<FoldedShareRows>;
  /** Stops it, if it still runs. */
  cancel(): Promise<void>;
}

export interface ShareFolderOptions {
  readonly share: LogShare;
  readonly through: string;
  readonly onProgress: (processed: number) => void;
}

export function splitFoldOf(projection: Projection): SplitFold {
  const fold = projection.foldInMemory?.();
  if (!fold || !isSplitFold(fold)) throw new Error(`${projection.name} cannot fold the log in shares`);
  return fold;
}

/** The share folded in this thread, a page at a time between the first share's pages. */
export function foldShareHere(store: EventStore, projection: Projection, maxBytes: number, { share, through, onProgress }: ShareFolderOptions): ShareFolder {
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
  readonly maxBytes: number;
}

export type ToShareThread = { readonly kind: 'fold'; readonly through: string } | { readonly kind: 'learn'; readonly findings: unknown };
export type FromShareThread =
  | { readonly kind: 'progress'; readonly processed: number }
  | { readonly kind: 'server-process'; readonly pid: number }
  | { readonly kind: 'done'; readonly folded: FoldedShareRows };

/** Built beside this module (the TypeScript sources have no such file: threads need the build). */
const WORKER_SCRIPT = new URL('./fold-share-worker.js', import.meta.url);

/**
 * A worker thread of this process for one share of the log, reading it over a connection
 * of its own: the second core folds while this thread folds the first share. Started
 * before the pass knows where the log ends, it loads its modules and connects meanwhile
 * (~1 s it would otherwise fold behind the first share). The server process of each of its
 * sessions is handed to `onServerProcess`, as this thread's pool does.
 */
export class ShareThread {
  private readonly worker: Worker;
  private readonly done: Promise<FoldedShareRows>;
  private onProgress: (processed: number) => void = () => undefined;

  constructor(source: StoreSource, projection: Projection, share: LogShare, maxBytes: number, onServerProcess?: (pid: number) => void) {
    if (!existsSync(fileURLToPath(WORKER_SCRIPT))) {
      throw new Error(`Folding the log in threads needs ${fileURLToPath(WORKER_SCRIPT)}, which only the build has (npm run build)`);
    }
    const data: ShareThreadData = { projection: projection.name, source, share, maxBytes };
    this.worker = new Worker(WORKER_SCRIPT, { workerData: data });
    this.done = new Promise<FoldedShareRows>((resolve, reject) => {
      this.worker.on('message', (message: FromShareThread) => {
        if (message.kind === 'progress') this.onProgress(message.processed);
        else if (message.kind === 'server-process') onServerProcess?.(message.pid);
        else resolve(message.folded);
      });
      this.worker.on('error', reject);
      // After `done` resolved this changes nothing.
      this.worker.on('exit', (code) => reject(new Error(`The thread folding share ${share.index} of ${share.of} ended (exit code ${code}) before it was done`)));
    });
    this.done.catch(() => undefined); // awaited by the fold's caller, if any
  }

  /** Folds its share up to `through`. */
  fold(through: string, onProgress: (processed: number) => void): ShareFolder {
    this.onProgress = onProgress;
    this.post({ kind: 'fold', through });
    return { learn: (findings) => this.post({ kind: 'learn', findings }), done: this.done, cancel: () => this.stop() };
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private post(message: ToShareThread): void {
    this.worker.postMessage(message);
  }
}
