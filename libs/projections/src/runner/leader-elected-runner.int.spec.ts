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

  // Every workday logged so far, summed here rather than read back from the projection.
  let logged = 0;
  const logWorkdays = (workdays: number) => (
    (logged += workdays),
    store.append('ledger-lb', [{ eventId: randomUUID(), type: 'WorkdaysLogged', data: { entryId: randomUUID(), unitId: 'lb', workdays, on: '2025-04-01' }, metadata: { schemaVersion: 1 } }], 'any')
  );

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

  afterEach(async () => {
    await Promise.all(elected.splice(0).map((candidate) => candidate.stop()));
  });

  afterAll(async () => {
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
    expect(await first.runner.waitUntilCovered(position, COVERED_WITHIN_MS)).toBe(true);
    expect(second.runner.checkpoint).toBeUndefined();

    await first.stop();
    expect(first.status).toBe('stopped');
    await waitFor(async () => second.status === 'following');
    const last = await logWorkdays(11);
    expect(await second.runner.waitUntilCovered(last.position, COVERED_WITHIN_MS)).toBe(true);
    // 5 + 7 + 11, each counted once whoever projected it.
    expect(await storedWorkdays()).toBe(23);
    expect(logged).toBe(23);
  }, 60_000);

  it('steps down when its lease connection dies, and one process leads again with nothing counted twice', async () => {
    const applicationName = `leader-${randomUUID().slice(0, 8)}`;
    const first = electedRunner(db.openAnother!({ applicationName }));
    const second = electedRunner(db.openAnother!());
    await first.start();
    await waitFor(async () => first.status === 'following');
    await second.start();

    // Every session of the leader's pool, its lease's included, is cut by the server.
    await db.pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    await waitFor(async () => [first.status, second.status].includes('following'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([first.status, second.status].filter((status) => status === 'following')).toHaveLength(1);

    const last = await logWorkdays(13);
    const leader = first.status === 'following' ? first : second;
    expect(await leader.runner.waitUntilCovered(last.position, COVERED_WITHIN_MS)).toBe(true);
    expect(await storedWorkdays()).toBe(logged);
  }, 60_000);
});

/**
 * Readers see an event once every older transaction on the server has ended (the log's
 * visibility rule), and the test server is shared: a long transaction elsewhere delays them.
 */
const COVERED_WITHIN_MS = 30_000;

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
