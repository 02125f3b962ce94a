import { randomUUID } from 'node:crypto';
import { EventIdConflictError } from '../event-store.port.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { testBackends } from '../testing/test-databases.js';
import { PostgresEventStore } from './postgres-event-store.js';

for (const backend of testBackends()) {
  describeEventStoreContract(`PostgreSQL adapter (${backend.name})`, async () => {
    const db = await backend.create();
    const store = new PostgresEventStore(db.pool, { pollIntervalMs: 20 });
    await store.migrate();
    return { store, dispose: () => db.dispose() };
  });
}

for (const backend of testBackends()) {
  // Not in the shared contract: EventStoreDB keeps event ids unique per stream only (its
  // idempotency check looks inside the stream being appended to), so an id reused in
  // another stream is written there again. This adapter keeps ids unique in the whole log,
  // which is what makes a retry that names the wrong stream an error instead of a copy.
  describe(`PostgreSQL adapter (${backend.name}): event ids are unique in the whole log`, () => {
    it('refuses an event id already used in another stream', async () => {
      const db = await backend.create();
      try {
        const store = new PostgresEventStore(db.pool);
        await store.migrate();
        const reused = { eventId: randomUUID(), type: 'A', data: {}, metadata: {} };
        await store.append(`first-${randomUUID()}`, [reused], 'no_stream');
        await expect(store.append(`second-${randomUUID()}`, [reused], 'no_stream')).rejects.toBeInstanceOf(EventIdConflictError);
      } finally {
        await db.dispose();
      }
    });
  });
}

for (const backend of testBackends()) {
  describe(`PostgreSQL adapter (${backend.name}): keys met again`, () => {
    it('finds the (stream, data key) pairs that occur in more than one event of the given types, up to the head given', async () => {
      const db = await backend.create();
      try {
        const store = new PostgresEventStore(db.pool);
        await store.migrate();
        expect(await store.headCheckpoint()).toBeUndefined();
        const event = (type: string, data: Record<string, unknown>) => ({ eventId: randomUUID(), type, data, metadata: {} });
        await store.append('ledger-a', [event('Logged', { entryId: 'x' }), event('Logged', { entryId: 'y' }), event('Voided', { entryId: 'x' })], 'no_stream');
        // The same id in another stream, under a type not asked about, or without the key: not a repeat.
        await store.append('ledger-b', [event('Logged', { entryId: 'x' }), event('Noted', { entryId: 'x' }), event('Logged', { other: 1 })], 'no_stream');
        const last = await store.append('ledger-b', [event('Logged', { other: 2 }), event('Logged', { entryId: 'z' }), event('Logged', { entryId: 'z' })], 2n);
        const through = await store.headCheckpoint();
        expect(through).toBe(last.checkpoint);
        // Beyond the head given: not searched.
        await store.append('ledger-a', [event('Logged', { entryId: 'y' })], 2n);
        const found = await store.findRepeatedKeys({ types: ['Logged', 'Voided'], dataKey: 'entryId', through: through! });
        expect(new Set(found.map(([stream, value]) => `${stream}/${value}`))).toEqual(new Set(['ledger-a/x', 'ledger-b/z']));
        expect(found).toHaveLength(2);
        const all = await store.findRepeatedKeys({ types: ['Logged', 'Voided'], dataKey: 'entryId', through: (await store.headCheckpoint())! });
        expect(new Set(all.map(([stream, value]) => `${stream}/${value}`))).toEqual(new Set(['ledger-a/x', 'ledger-a/y', 'ledger-b/z']));
      } finally {
        await db.dispose();
      }
    });
  });
}

for (const backend of testBackends()) {
  describe(`PostgreSQL adapter (${backend.name}): shares of the log`, () => {
    it('splits the streams up to `through` into disjoint shares, each read in log order with the shared types of the others', async () => {
      const db = await backend.create();
      try {
        const store = new PostgresEventStore(db.pool);
        await store.migrate();
        const event = (type: string, n: number) => ({ eventId: randomUUID(), type, data: { n }, metadata: { schemaVersion: 1, actor: 'x' } });
        // Interleaved appends to 40 streams: each stream's events are spread over the log.
        let last: string | undefined;
        for (let round = 0; round < 3; round++) {
          for (let s = 0; s < 40; s++) {
            ({ checkpoint: last } = await store.append(`s-${s}`, [event(s % 7 === 0 ? 'Shared' : 'Own', round), event('Own', round)], round === 0 ? 'no_stream' : 'any'));
          }
        }
        // Another session's transaction (the server's own) may hold the head back a moment.
        expect(await store.awaitCommittedReadable(5000)).toBe(true);
        const through = (await store.headCheckpoint())!;
        expect(through).toBe(last);
        await store.append('s-0', [event('Shared', 99), event('Own', 99)], 'any'); // past `through`: in no share
        expect(await store.awaitCommittedReadable(5000)).toBe(true);
        const everything = await store.readAll({ limit: 1000, metadataKeys: ['schemaVersion'] });
        const readShare = async (index: number, of: number) => {
          const events = [];
          for (let after: string | undefined; ; ) {
            const page = await store.readShare({ after, limit: 7, metadataKeys: ['schemaVersion'], share: { index, of }, typesOfEveryShare: ['Shared'], through });
            if (page.length === 0) return events;
            events.push(...page);
            after = page[page.length - 1]!.checkpoint;
          }
        };
        const shares = [await readShare(0, 2), await readShare(1, 2)];
        const own = shares.map((events) => events.filter((e) => !e.otherShare));
        // Every event up to `through` in exactly one share, as readAll reads it.
        expect(everything).toHaveLength(242);
        const upToThrough = everything.slice(0, 240);
        expect([...own[0]!, ...own[1]!].map((e) => e.position).sort((a, b) => Number(a - b))).toEqual(upToThrough.map((e) => e.position));
        expect(own[0]!.length).toBeGreaterThan(0);
        expect(own[1]!.length).toBeGreaterThan(0);
        const shareOf = new Map<string, number>();
        for (const [index, events] of own.entries()) {
          for (const e of events) {
            expect(shareOf.get(e.streamName) ?? index).toBe(index); // a stream lies in one share
            shareOf.set(e.streamName, index);
          }
        }
        for (const [index, events] of shares.entries()) {
          // In log order, with the shared type of every stream, and nothing else of the other share.
          expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => Number(a - b)));
          const expected = upToThrough.filter((e) => shareOf.get(e.streamName) === index || e.type === 'Shared');
          expect(events.map((e) => [e.position, e.otherShare ?? false])).toEqual(expected.map((e) => [e.position, shareOf.get(e.streamName) !== index]));
          const asRead = new Map(upToThrough.map((e) => [e.position, e]));
          for (const e of events) expect({ ...e, otherShare: undefined }).toEqual({ ...asRead.get(e.position)!, otherShare: undefined });
        }
        // One share of one: the whole log up to `through`.
        expect((await readShare(0, 1)).map((e) => e.position)).toEqual(upToThrough.map((e) => e.position));
        await expect(store.readShare({ limit: 1, metadataKeys: [], share: { index: 2, of: 2 }, typesOfEveryShare: [], through })).rejects.toThrow(RangeError);
      } finally {
        await db.dispose();
      }
    });
  });
}

const server = testBackends().find((backend) => backend.name === 'postgres');

if (server) {
  describe('PostgreSQL adapter: a transaction that commits after a later one', () => {
    it('holds back the later event until the earlier transaction commits, so no reader skips it', async () => {
      const db = await server.create();
      const store = new PostgresEventStore(db.pool);
      await store.migrate();
      const head = await store.append(`s-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Head', data: {}, metadata: {} }], 'no_stream');
      const slow = await db.pool.connect();
      try {
        // The slow writer takes the lower position and keeps its transaction open.
        await slow.query('BEGIN');
        await slow.query(
          `INSERT INTO es_events (event_id, stream_name, stream_revision, type, data, metadata)
           VALUES ($1, $2, 0, 'Slow', '{}', '{}')`,
          [randomUUID(), `slow-${randomUUID()}`],
        );
        const fast = await store.append(`fast-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Fast', data: {}, metadata: {} }], 'no_stream');
        expect(await store.readAll({ after: head.checkpoint, limit: 10 })).toEqual([]);
        expect(await store.isCovered(fast.position, head.checkpoint)).toBe(false);
        await slow.query('COMMIT');
        const visible = await store.readAll({ after: head.checkpoint, limit: 10 });
        expect(visible.map((e) => e.type)).toEqual(['Slow', 'Fast']);
        expect(visible[0]!.position < visible[1]!.position).toBe(true);
      } finally {
        slow.release();
        await db.dispose();
      }
    });

    it('waits, for a whole-log reader, until the events committed before it are readable', async () => {
      const db = await server.create();
      const store = new PostgresEventStore(db.pool);
      await store.migrate();
      const slow = await db.pool.connect();
      try {
        // A writer (a projection batch, say) holds a transaction id while an append commits.
        await slow.query('BEGIN');
        await slow.query('SELECT pg_current_xact_id()');
        const committed = await store.append(`s-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Committed', data: {}, metadata: {} }], 'no_stream');
        expect(await store.readAll({ limit: 10 })).toEqual([]);
        expect(await store.awaitCommittedReadable(50)).toBe(false);

        const waiting = store.awaitCommittedReadable(5000);
        let settled = false;
        void waiting.then(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(settled).toBe(false);
        await slow.query('COMMIT');
        expect(await waiting).toBe(true);
        expect((await store.readAll({ limit: 10 })).map((e) => e.position)).toEqual([committed.position]);
      } finally {
        slow.release();
        await db.dispose();
      }
    });
  });
}

describe.each(testBackends())('PostgreSQL adapter: importEvents ($name)', (backend) => {
  it('appends many streams in one transaction, in order, each after its current revision; a reused id writes nothing', async () => {
    const db = await backend.create();
    const store = new PostgresEventStore(db.pool);
    await store.migrate();
    try {
      const event = (type: string) => ({ eventId: randomUUID(), type, data: { type }, metadata: {} });
      await store.append('a', [event('A0')], 'no_stream');
      const imported = [
        { streamName: 'b', event: event('B0') },
        { streamName: 'a', event: event('A1') },
        { streamName: 'b', event: event('B1') },
      ];
      const result = await store.importEvents(imported);
      expect(result.nextRevision).toBe(1n);
      const log = await store.readAll({ limit: 10 });
      expect(log.map((e) => [e.type, e.streamName, e.revision])).toEqual([
        ['A0', 'a', 0n],
        ['B0', 'b', 0n],
        ['A1', 'a', 1n],
        ['B1', 'b', 1n],
      ]);
      expect(result.position).toBe(log[3]!.position);
      expect((await store.append('a', [event('A2')], 1n)).nextRevision).toBe(2n);

      await expect(store.importEvents([{ streamName: 'c', event: event('C0') }, imported[0]!])).rejects.toThrow('already in the log');
      expect(await store.readStream('c')).toEqual([]);
      expect((await store.readAll({ limit: 10 })).length).toBe(5);
    } finally {
      await db.dispose();
    }
  });
});
