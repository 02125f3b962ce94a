import { randomUUID } from 'node:crypto';
import { PostgresEventStore, type SqlPool } from '#event-store';
import { openReadModels } from '#read-models';
import { postgresBackend, type TestDatabase } from '../../../event-store/src/testing/test-databases.js';
import { PeriodStatsProjection } from '../period-stats/period-stats.projection.js';
import { LeaderElectedRunner } from './leader-elected-runner.js';
import { ProjectionLease } from './projection-lease.js';
import { ProjectionRunner } from './projection-runner.js';

/** Leadership needs advisory locks: PostgreSQL server only (see projection-lease.int.spec.ts). */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('LeaderElectedRunner (PostgreSQL server)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const elected: LeaderElectedRunner[] = [];

  const electedRunner = (pool: SqlPool) => {
    const runner = new ProjectionRunner(new PostgresEventStore(pool), pool, new PeriodStatsProjection(), { batchSize: 100, retryDelayMs: 50 });
    const candidate = new LeaderElectedRunner(runner, () => new ProjectionLease(pool, runner.projection.name, { heartbeatMs: 200 }), {
      standbyPollMs: 100,
      retryDelayMs: 50,
    });
    elected.push(candidate);
    return candidate;
  };

  const logWorkdays = (workdays: number) =>
    store.append('ledger-lb', [{ eventId: randomUUID(), type: 'WorkdaysLogged', data: { entryId: randomUUID(), unitId: 'lb', workdays, on: '2025-04-01' }, metadata: { schemaVersion: 1 } }], 'any');

  const storedWorkdays = async () => {
    const { rows } = await db.pool.query<{ total: string | null }>(`SELECT sum(total) AS total FROM rm_year_stats WHERE metric = 'workdays'`);
    return Number(rows[0]?.total ?? 0);
  };

  beforeAll(async () => {
    db = await postgresBackend(url!).create();
    store = new PostgresEventStore(db.pool);
    await store.migrate();
    await openReadModels(db.pool);
    await store.append('unit-lb', [{ eventId: randomUUID(), type: 'UnitRegistered', data: { unitId: 'lb', name: 'Lâm Bình', kind: 'commune', parentId: null }, metadata: { schemaVersion: 1 } }], 'no_stream');
  });

  afterAll(async () => {
    await Promise.all(elected.map((candidate) => candidate.stop()));
    await db.dispose();
  });

  it('projects with one instance only and hands over to the standby when the leader stops', async () => {
    const first = electedRunner(db.openAnother!());
    const second = electedRunner(db.openAnother!());
    await first.start();
    await waitFor(async () => first.status === 'following');
    await second.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([first.status, second.status]).toEqual(['following', 'standby']);

    await logWorkdays(5);
    const { position } = await logWorkdays(7);
    expect(await first.runner.waitUntilCovered(position, 5000)).toBe(true);
    expect(second.runner.checkpoint).toBeUndefined();

    await first.stop();
    expect(first.status).toBe('stopped');
    await waitFor(async () => second.status === 'following');
    const last = await logWorkdays(11);
    expect(await second.runner.waitUntilCovered(last.position, 5000)).toBe(true);
    // 5 + 7 + 11, each counted once whoever projected it.
    expect(await storedWorkdays()).toBe(23);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
