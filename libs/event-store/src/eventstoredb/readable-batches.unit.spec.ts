import { PassThrough } from 'node:stream';
import { readableBatches } from './readable-batches.js';

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

describe('readableBatches', () => {
  it('groups what is waiting into batches of at most batchSize', async () => {
    const source = new PassThrough({ objectMode: true });
    for (let i = 1; i <= 7; i++) source.write(i);
    source.end();
    const batches = await collect(readableBatches<number>(source, 3));
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(3);
    expect(batches.length).toBeLessThan(7);
  });

  it('hands out a lone item at once instead of waiting to fill a batch', async () => {
    const source = new PassThrough({ objectMode: true });
    const iterator = readableBatches<string>(source, 100)[Symbol.asyncIterator]();
    source.write('live');
    expect(await iterator.next()).toEqual({ done: false, value: ['live'] });
    source.end();
    expect((await iterator.next()).done).toBe(true);
  });

  it('hands out what arrived before a failure, then throws it', async () => {
    const source = new PassThrough({ objectMode: true });
    source.write('a');
    source.write('b');
    const iterator = readableBatches<string>(source, 10)[Symbol.asyncIterator]();
    const first = iterator.next();
    source.destroy(new Error('dropped'));
    expect(await first).toEqual({ done: false, value: ['a', 'b'] });
    await expect(iterator.next()).rejects.toThrow('dropped');
  });

  it('ends when the signal aborts while nothing arrives', async () => {
    const source = new PassThrough({ objectMode: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await collect(readableBatches(source, 10, controller.signal))).toEqual([]);
  });
});
