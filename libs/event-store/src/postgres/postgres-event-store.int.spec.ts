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
  });
}
