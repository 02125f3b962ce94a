import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  type EventStore,
  type EventToAppend,
  type LoggedEvent,
  type RecordedEvent,
} from '../event-store.port.js';
import { scanCommittedLog } from '../scan-committed-log.js';

/**
 * The behaviour every EventStore adapter must show, run unchanged against each backend.
 * `open` gives a store over an empty log; `dispose` closes it.
 */
export interface ContractSubject {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

const event = (type: string, data: unknown = {}, metadata: Record<string, unknown> = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

const stream = (prefix = 'contract') => `${prefix}-${randomUUID()}`;

async function readWholeLog(store: EventStore, pageSize = 100): Promise<RecordedEvent[]> {
  return readPages((after) => store.readAll({ after, limit: pageSize }));
}

/** The whole log as a projection reads it: only `metadataKeys` of the metadata. */
async function readWholeLogProjected(store: EventStore, metadataKeys: readonly string[]): Promise<LoggedEvent[]> {
  return readPages((after) => store.readAll({ after, limit: 100, metadataKeys }));
}

async function readPages<E extends LoggedEvent>(read: (after: string | undefined) => Promise<E[]>): Promise<E[]> {
  const all: E[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read(after);
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1]!.checkpoint;
  }
}

export function describeEventStoreContract(backend: string, open: () => Promise<ContractSubject>): void {
  describe(`EventStore contract on ${backend}`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => subject.dispose());

    describe('append with an expected revision', () => {
      it('creates a stream with no_stream and reads it back with data, metadata and revisions', async () => {
        const name = stream();
        const first = event('ThingHappened', { title: 'Mô hình "Dân vận khéo"', n: 1 }, { actor: 'a', correlationId: 'c-1' });
        const second = event('ThingChanged', { nested: { list: [1, 2] } });
        const result = await store.append(name, [first, second], 'no_stream');
        expect(result.nextRevision).toBe(1n);
        const read = await store.readStream(name);
        expect(read.map((e) => [e.eventId, e.type, e.revision])).toEqual([
          [first.eventId, 'ThingHappened', 0n],
          [second.eventId, 'ThingChanged', 1n],
        ]);
        expect(read[0]!.data).toEqual({ title: 'Mô hình "Dân vận khéo"', n: 1 });
        expect(read[0]!.metadata).toMatchObject({ actor: 'a', correlationId: 'c-1' });
        expect(read[1]!.position).toBe(result.position);
        expect(read[0]!.position < read[1]!.position).toBe(true);
        expect(read[0]!.recordedAt).toBeInstanceOf(Date);
      });

      it('refuses no_stream on an existing stream and writes nothing', async () => {
        const name = stream();
        await store.append(name, [event('A')], 'no_stream');
        await expect(store.append(name, [event('B')], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(name)).toHaveLength(1);
      });

      it('appends at the exact revision and refuses a stale one', async () => {
        const name = stream();
        await store.append(name, [event('A')], 'no_stream');
        const next = await store.append(name, [event('B')], 0n);
        expect(next.nextRevision).toBe(1n);
        const stale = store.append(name, [event('C')], 0n);
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ streamName: name, actual: 1n });
        expect((await store.readStream(name)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        await expect(store.append(stream(), [event('A')], 0n)).rejects.toBeInstanceOf(ConcurrencyError);
      });

      it('appends with any, and stream_exists only to an existing stream', async () => {
        const name = stream();
        await expect(store.append(name, [event('A')], 'stream_exists')).rejects.toBeInstanceOf(ConcurrencyError);
        await store.append(name, [event('A')], 'any');
        const result = await store.append(name, [event('B')], 'stream_exists');
        expect(result.nextRevision).toBe(1n);
      });

      it('lets exactly one of many concurrent writers at the same revision win', async () => {
        const name = stream();
        await store.append(name, [event('Start')], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.append(name, [event(`Attempt${i}`)], 0n)),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected).toHaveLength(9);
        for (const failure of rejected) expect(failure.reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(name)).toHaveLength(2);
      });

      it('lets exactly one of many concurrent creators of a stream win', async () => {
        const name = stream();
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(name, [event('Create')], 'no_stream')));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(name)).toHaveLength(1);
      });
    });

    // Idempotency is promised per stream. Whether an id reused in another stream is refused
    // differs by backend (PostgreSQL refuses it, EventStoreDB writes it): see their own specs.
    describe('idempotency by event id', () => {
      it('answers a retried append with the first result and writes nothing twice', async () => {
        const name = stream();
        const events = [event('A'), event('B')];
        const first = await store.append(name, events, 'no_stream');
        const retry = await store.append(name, events, 'no_stream');
        expect(retry).toEqual(first);
        expect(await store.readStream(name)).toHaveLength(2);
      });

      it('also when the retry races the original', async () => {
        const name = stream();
        const events = [event('A')];
        const results = await Promise.all([1, 2, 3].map(() => store.append(name, events, 'no_stream')));
        expect(new Set(results.map((r) => r.position.toString())).size).toBe(1);
        expect(await store.readStream(name)).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('reads the whole log in order, page by page, each event once', async () => {
        const names = [stream(), stream(), stream()];
        const before = await readWholeLog(store);
        for (let i = 0; i < 5; i++) {
          for (const name of names) await store.append(name, [event(`E${i}`)], 'any');
        }
        const after = await readWholeLog(store, 4);
        const added = after.slice(before.length);
        expect(added).toHaveLength(15);
        expect(new Set(after.map((e) => e.eventId)).size).toBe(after.length);
        expect(added.map((e) => e.type)).toEqual(['E0', 'E0', 'E0', 'E1', 'E1', 'E1', 'E2', 'E2', 'E2', 'E3', 'E3', 'E3', 'E4', 'E4', 'E4']);
        const tail = await store.readAll({ after: after[after.length - 1]!.checkpoint, limit: 10 });
        expect(tail).toEqual([]);
      });

      it('reports whether a position is covered by a checkpoint and how many events follow it', async () => {
        const name = stream();
        const a = await store.append(name, [event('A')], 'no_stream');
        const b = await store.append(name, [event('B')], 0n);
        expect(await store.isCovered(a.position, a.checkpoint)).toBe(true);
        expect(await store.isCovered(b.position, a.checkpoint)).toBe(false);
        expect(await store.isCovered(a.position, b.checkpoint)).toBe(true);
        expect(await store.isCovered(a.position, undefined)).toBe(false);
        expect(await store.countAfter(a.checkpoint)).toBeGreaterThanOrEqual(1);
        expect(await store.countAfter(b.checkpoint)).toBe(0);
      });

      it('scans the whole log with every event committed before the scan', async () => {
        const written = await store.append(stream(), [event('Written')], 'no_stream');
        expect(await store.awaitCommittedReadable(5000)).toBe(true);
        const scanned: RecordedEvent[] = [];
        for await (const recorded of scanCommittedLog(store)) scanned.push(recorded);
        expect(scanned.at(-1)?.position).toBe(written.position);
        expect(new Set(scanned.map((e) => e.eventId)).size).toBe(scanned.length);
      });

      it('reads the log with only the metadata keys asked for, the same events in the same order', async () => {
        const name = stream();
        await store.append(name, [event('A', {}, { actor: 'a', schemaVersion: 2, correlationId: 'c' }), event('B', {}, { actor: 'b' })], 'no_stream');
        const whole = await readWholeLog(store);
        const narrowed = await readWholeLogProjected(store, ['schemaVersion', 'missing']);
        const logged = (e: LoggedEvent) => [e.checkpoint, e.position, e.streamName, e.type, e.data];
        expect(narrowed.map(logged)).toEqual(whole.map(logged));
        expect(narrowed.slice(-2).map((e) => e.metadata)).toEqual([{ schemaVersion: 2 }, {}]);
      });

      it('orders checkpoints, so a reader can tell an event it has already applied', async () => {
        const name = stream();
        const a = await store.append(name, [event('A')], 'no_stream');
        const b = await store.append(name, [event('B')], 0n);
        expect(store.isAfter(b.checkpoint, a.checkpoint)).toBe(true);
        expect(store.isAfter(a.checkpoint, b.checkpoint)).toBe(false);
        expect(store.isAfter(a.checkpoint, a.checkpoint)).toBe(false);
        expect(store.isAfter(a.checkpoint, undefined)).toBe(true);
      });
    });

    describe('subscription', () => {
      it('catches up from a checkpoint, then delivers events appended later, in order', async () => {
        const name = stream();
        const head = await store.append(name, [event('Before')], 'no_stream');
        const controller = new AbortController();
        const received: string[] = [];
        const done = (async () => {
          for await (const batch of store.subscribeToAll({ after: head.checkpoint, batchSize: 2, signal: controller.signal })) {
            for (const e of batch) if (e.streamName === name) received.push(e.type);
            if (received.length >= 5) controller.abort();
          }
        })();
        for (let i = 1; i <= 5; i++) await store.append(name, [event(`Live${i}`)], 'any');
        await done;
        expect(received).toEqual(['Live1', 'Live2', 'Live3', 'Live4', 'Live5']);
      });

      it('delivers only the metadata keys asked for', async () => {
        const name = stream();
        const head = await store.append(name, [event('Before')], 'no_stream');
        const controller = new AbortController();
        const metadata: unknown[] = [];
        const done = (async () => {
          for await (const batch of store.subscribeToAll({ after: head.checkpoint, batchSize: 10, signal: controller.signal, metadataKeys: ['schemaVersion'] })) {
            for (const e of batch) if (e.streamName === name) metadata.push(e.metadata);
            if (metadata.length >= 2) controller.abort();
          }
        })();
        await store.append(name, [event('A', {}, { actor: 'a', schemaVersion: 3 }), event('B', {}, { actor: 'b' })], 'any');
        await done;
        expect(metadata).toEqual([{ schemaVersion: 3 }, {}]);
      });
    });

    describe('concurrent writers and a reader of the global order', () => {
      it('never skips an event: a reader following the log sees every appended event exactly once', async () => {
        const start = await readWholeLog(store);
        let checkpoint = start.length > 0 ? start[start.length - 1]!.checkpoint : undefined;
        const seen = new Map<string, number>();
        let writing = true;
        const reader = (async () => {
          for (;;) {
            const stillWriting = writing;
            const page = await store.readAll({ after: checkpoint, limit: 50 });
            for (const e of page) seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1);
            if (page.length > 0) checkpoint = page[page.length - 1]!.checkpoint;
            else if (!stillWriting) return;
          }
        })();
        const written: string[] = [];
        await Promise.all(
          Array.from({ length: 8 }, async (_, writer) => {
            for (let i = 0; i < 25; i++) {
              const batch = [event(`W${writer}`), event(`W${writer}`)];
              written.push(...batch.map((e) => e.eventId));
              await store.append(`writer-${writer}-${i}-${randomUUID()}`, batch, 'no_stream');
            }
          }),
        );
        writing = false;
        await reader;
        expect(written).toHaveLength(400);
        for (const id of written) expect(seen.get(id)).toBe(1);
      });
    });
  });
}
