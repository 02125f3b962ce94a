/**
 * A worker thread's entry (see foldShareInThread): folds one share of the log and hands its
 * rows to the thread that started it, moving the buffers that hold most of them.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { openStoreSource } from '#event-store';
import { PROJECTIONS_BY_NAME } from '../projections-by-name.js';
import { foldShare } from './fold-share.js';
import { splitFoldOf, type FromShareThread, type ShareThreadData, type ToShareThread } from './share-folders.js';

const port = parentPort!;
const { projection, source, share, maxBytes } = workerData as ShareThreadData;
const post = (message: FromShareThread, transfer: readonly ArrayBuffer[] = []) => port.postMessage(message, [...transfer]);

const makeProjection = PROJECTIONS_BY_NAME[projection];
if (!makeProjection) throw new Error(`No projection ${projection}`);
const fold = splitFoldOf(makeProjection());
const store = openStoreSource(source, { onLocalServerProcess: (pid) => post({ kind: 'server-process', pid }) });
const through = new Promise<string>((resolve) =>
  port.on('message', (message: ToShareThread) => (message.kind === 'fold' ? resolve(message.through) : fold.learn(message.findings))),
);
try {
  await store.ping(); // connected while the first share's thread sets up the pass
  const folded = await foldShare(store, fold, { share, through: await through, maxBytes, onProgress: (processed) => post({ kind: 'progress', processed }) });
  if (!folded.complete) {
    post({ kind: 'done', folded });
  } else {
    const { rows, transfer } = fold.takeShare();
    post({ kind: 'done', folded: { ...folded, rows } }, transfer);
  }
} finally {
  await store.close();
  port.close();
}
