import { randomUUID } from 'node:crypto';
import { PostgresEventStore, StoreUnavailableError, type AppendResult, type EventStore, type RecordedEvent, type SubscribeOptions } from '#event-store';
import { openReadModels } from '#read-models';
import { testBackends, type TestDatabase } from '../../../event-store/src/testing/test-databases.js';
import { PeriodStatsProjection } from '../period-stats/period-stats.projection.js';
import { applyBatchInTransaction, CheckpointMovedError } from './batch-transaction.js';
import { readCheckpoint } from './checkpoints.js';
import { ProjectionRunner } from './projection-runner.js';

/** Workdays 1, 2, …, 20 logged in 2025: 210 in all, worked out by hand, not by the projection. */
const WORKDAYS = Array.from({ length: 20 }, (_, index) => index + 1);
const EXPECTED_TOTAL = 210;

/** The store as a subscription that delivers every batch twice, and the tail of the previous batch again. */
function redelivering(store: EventStore): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    async *subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
      let previous: RecordedEvent[] | undefined;
      for await (const batch of store.subscribeToAll(options)) {
        yield batch;
        yield batch;
        if (previous) yield [...previous.slice(-2), ...batch];
        previous = batch;
      }
    },
  });
}

/** The store as a subscription that drops (the server goes away) after `batches` batches, once. */
function droppingOnce(store: EventStore, batches: number): EventStore & { subscriptions: number } {
  const dropping = Object.assign(Object.create(store) as EventStore, {
    subscriptions: 0,
    async *subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
      dropping.subscriptions++;
      const drops = dropping.subscriptions === 1;
      let delivered = 0;
      for await (const batch of store.subscribeToAll(options)) {
        yield batch;
        if (drops && ++delivered === batches) throw new StoreUnavailableError('subscription dropped');
      }
    },
  });
  return dropping;
}

describe.each(testBackends())('ProjectionRunner on $name', (backend) => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let last: AppendResult;

  beforeEach(async () => {
    db = await backend.create();
    store = new PostgresEventStore(db.pool);
    await store.migrate();
    await openReadModels(db.pool);
    await store.append('unit-lb', [{ eventId: randomUUID(), type: 'UnitRegistered', data: { unitId: 'lb', name: 'Lâm Bình', kind: 'commune', parentId: null }, metadata: { schemaVersion: 1 } }], 'no_stream');
    for (const workdays of WORKDAYS) {
      last = await store.append('ledger-lb', [{ eventId: randomUUID(), type: 'WorkdaysLogged', data: { entryId: randomUUID(), unitId: 'lb', workdays, on: '2025-06-15' }, metadata: { schemaVersion: 1 } }], 'any');
    }
  });

  afterEach(async () => {
    await db.dispose();
  });

  const storedWorkdays = async () => {
    const { rows } = await db.pool.query<{ total: string | null }>(`SELECT sum(total) AS total FROM rm_year_stats WHERE metric = 'workdays'`);
    return Number(rows[0]?.total ?? 0);
  };

  it('counts an event delivered twice once', async () => {
    const runner = new ProjectionRunner(redelivering(store), db.pool, new PeriodStatsProjection(), { batchSize: 4 });
    await runner.start();
    try {
      expect(await runner.waitUntilCovered(last.position, 30_000)).toBe(true);
    } finally {
      await runner.stop();
    }
    expect(await storedWorkdays()).toBe(EXPECTED_TOTAL);
    expect((await readCheckpoint(db.pool, 'period-stats'))?.eventsProcessed).toBe(1 + WORKDAYS.length);
  }, 60_000);

  it('refuses to apply the same batch twice: the second finds the checkpoint moved and writes nothing', async () => {
    const projection = new PeriodStatsProjection();
    const batch = await store.readAll({ limit: 100 });
    await applyBatchInTransaction(db.pool, projection, batch, { after: undefined });
    await expect(applyBatchInTransaction(db.pool, projection, batch, { after: undefined })).rejects.toBeInstanceOf(CheckpointMovedError);
    expect(await storedWorkdays()).toBe(EXPECTED_TOTAL);
  }, 60_000);

  it('resumes from its checkpoint after the subscription drops, skipping nothing and counting nothing twice', async () => {
    const dropping = droppingOnce(store, 2);
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(dropping, db.pool, new PeriodStatsProjection(), {
      batchSize: 3,
      retryDelayMs: 20,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    try {
      expect(await runner.waitUntilCovered(last.position, 30_000)).toBe(true);
    } finally {
      await runner.stop();
    }
    expect(errors).toEqual([expect.any(StoreUnavailableError)]);
    expect(dropping.subscriptions).toBe(2);
    expect(await storedWorkdays()).toBe(EXPECTED_TOTAL);
  }, 60_000);
});
