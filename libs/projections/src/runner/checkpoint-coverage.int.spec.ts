import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '#event-store';
import { openReadModels } from '#read-models';
import { testBackends, type TestDatabase } from '../../../event-store/src/testing/test-databases.js';
import { PeriodStatsProjection } from '../period-stats/period-stats.projection.js';
import { applyBatchInTransaction } from './batch-transaction.js';
import { waitForStoredCheckpoints } from './checkpoint-coverage.js';

describe.each(testBackends())('waitForStoredCheckpoints on $name', (backend) => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await backend.create();
    store = new PostgresEventStore(db.pool);
    await store.migrate();
    await openReadModels(db.pool);
  });

  afterAll(async () => {
    await db.dispose();
  });

  it('answers false after the timeout while nothing projected the position, true once a committed checkpoint covers it', async () => {
    const appended = await store.append('unit-lb', [{ eventId: randomUUID(), type: 'UnitRegistered', data: { unitId: 'lb', name: 'Lâm Bình', kind: 'commune', parentId: null }, metadata: { schemaVersion: 1 } }], 'no_stream');
    const started = Date.now();
    expect(await waitForStoredCheckpoints(store, db.pool, ['period-stats'], appended.position, { timeoutMs: 300, pollMs: 20 })).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    // Committed by "another process" while a reader waits.
    const waiting = waitForStoredCheckpoints(store, db.pool, ['period-stats'], appended.position, { timeoutMs: 10_000, pollMs: 20 });
    await applyBatchInTransaction(db.pool, new PeriodStatsProjection(), await store.readAll({ limit: 10 }), { after: undefined });
    expect(await waiting).toBe(true);
  });

  it('waits for every projection named, not just one', async () => {
    const { position } = await store.append('unit-hg', [{ eventId: randomUUID(), type: 'UnitRegistered', data: { unitId: 'hg', name: 'Hà Giang', kind: 'province', parentId: null }, metadata: { schemaVersion: 1 } }], 'no_stream');
    const stored = await store.readAll({ limit: 10 });
    await applyBatchInTransaction(db.pool, new PeriodStatsProjection(), stored.slice(1), { after: stored[0]!.checkpoint });
    expect(await waitForStoredCheckpoints(store, db.pool, ['period-stats'], position, { timeoutMs: 200 })).toBe(true);
    expect(await waitForStoredCheckpoints(store, db.pool, ['period-stats', 'never-run'], position, { timeoutMs: 200 })).toBe(false);
  });
});
