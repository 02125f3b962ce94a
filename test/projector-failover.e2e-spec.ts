import { randomBytes, randomUUID } from 'node:crypto';
import type { DomainEvent } from '#domain';
import { createPgServerPool, PostgresEventStore, type AppendResult, type SqlPool } from '#event-store';
import { generateHistory, type GeneratedEvent } from '../libs/projections/src/testing/generate-history.js';
import { FOLDED_METRICS_SQL, foldStatistics, statKey } from './support/independent-fold.js';
import { buildOnce, freePort, PROJECTOR_MAIN, ServerProcess } from './support/server-process.js';

/**
 * Two built projector processes (`npm run start:projector`) on one PostgreSQL schema, and an
 * API started with RUN_PROJECTIONS=false. Expected statistics come from an independent
 * fold of the generated events (test/support/independent-fold.ts), never from the
 * projection's code. Runs whenever the server suites run (DATABASE_URL set, as in CI); an
 * unreachable server fails it.
 */
const url = process.env.DATABASE_URL;
const HISTORY_EVENTS = 60_000;
const BATCH = 200;

(url ? describe : describe.skip)('projector processes on the PostgreSQL server', () => {
  const schema = `e2e_proj_${randomBytes(4).toString('hex')}`;
  let pool: SqlPool;
  let store: PostgresEventStore;
  let withSchema: (applicationName: string) => string;
  let projectorA: ServerProcess;
  let projectorB: ServerProcess;
  let api: ServerProcess;
  const history: DomainEvent[] = [];
  let last: AppendResult;

  const projector = async (name: string) =>
    new ServerProcess(
      { PORT: String(await freePort()), DATABASE_URL: withSchema(name), PROJECTION_BATCH_SIZE: String(BATCH), LOG_LEVEL: 'info' },
      PROJECTOR_MAIN,
    );

  const checkpoint = async () => {
    const { rows } = await pool.query<{ checkpoint: string; events_processed: string }>(
      `SELECT checkpoint, events_processed FROM rm_projection_checkpoints WHERE projection = 'period-stats'`,
    );
    return rows[0] ? { checkpoint: rows[0].checkpoint, processed: Number(rows[0].events_processed) } : undefined;
  };

  const caughtUp = async () => {
    const stored = await checkpoint();
    return stored !== undefined && (await store.isCovered(last.position, stored.checkpoint));
  };

  const storedStatistics = async () => {
    const { rows } = await pool.query<{ metric: string; unit_id: string; year: number; total: string }>(
      `SELECT metric, unit_id, year, sum(total) AS total FROM rm_year_stats WHERE ${FOLDED_METRICS_SQL} GROUP BY metric, unit_id, year`,
    );
    const sums = new Map<string, number>();
    for (const row of rows) {
      const tenths = Math.round(Number(row.total) * 10);
      if (tenths !== 0) sums.set(statKey(row.metric, row.unit_id, row.year), tenths);
    }
    return sums;
  };

  const append = async (events: readonly GeneratedEvent[]) => {
    for (let from = 0; from < events.length; from += 5000) {
      const chunk = events.slice(from, from + 5000);
      last = await store.importEvents(
        chunk.map(({ stream, event }) => ({ streamName: stream, event: { eventId: randomUUID(), type: event.type, data: event.data, metadata: { schemaVersion: 1 } } })),
      );
      history.push(...chunk.map(({ event }) => event));
    }
  };

  beforeAll(async () => {
    buildOnce();
    const admin = createPgServerPool({ connectionString: url!, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const separator = url!.includes('?') ? '&' : '?';
    withSchema = (applicationName) =>
      `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=${applicationName}`;
    pool = createPgServerPool({ connectionString: url!, schema, max: 4 });
    store = new PostgresEventStore(pool);
    projectorA = await projector('projector-a');
    projectorB = await projector('projector-b');
    api = new ServerProcess({ PORT: String(await freePort()), DATABASE_URL: withSchema('api'), RUN_PROJECTIONS: 'false' });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([projectorA, projectorB, api].map((process) => process?.kill('SIGKILL')));
    await store?.close();
    await pool?.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool?.end();
  });

  it('runs one projector, hands over to the other within seconds when it is killed mid-batch, and ends with exactly the statistics of the log', async () => {
    // One after the other: the first one's start-up creates the tables.
    await projectorA.start();
    await waitFor(() => projectorA.log.includes('lease acquired'), 5000);
    await projectorB.start();
    await sleep(1500);
    expect(projectorB.log).not.toContain('lease acquired');

    await append([...generateHistory({ events: HISTORY_EVENTS, seed: 11, provinces: 10, communesPerProvince: 10 })]);

    // Killed while its batch transaction has written and not committed yet.
    await waitFor(async () => {
      const { rows } = await pool.query<{ open: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'projector-a' AND backend_xid IS NOT NULL) AS open`,
      );
      return rows[0]!.open && ((await checkpoint())?.processed ?? 0) > 0;
    }, 20_000, 2);
    await projectorA.kill('SIGKILL');
    const killedAt = Date.now();
    const atKill = (await checkpoint())!.processed;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(HISTORY_EVENTS);

    await waitFor(() => projectorB.log.includes('lease acquired'), 10_000);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    await waitFor(caughtUp, 90_000);

    expect((await checkpoint())!.processed).toBe(HISTORY_EVENTS);
    const expected = foldStatistics(history);
    expect(expected.size).toBeGreaterThan(1000);
    expect(await storedStatistics()).toEqual(expected);
    expect(projectorB.log).not.toMatch(/batch failed/);
  }, 180_000);

  it('serves the API with RUN_PROJECTIONS=false: consistentWith waits on the projector, lag and status read from the committed checkpoint', async () => {
    await api.start();
    const post = await api.fetch(`/v1/workdays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: 'vn', workdays: 9, on: '2025-05-01' }),
    });
    expect(post.status).toBe(201);
    const { position } = (await post.json()) as { position: string };
    const stats = await api.fetch(`/v1/stats?period=month:2025-05&unit=vn&consistentWith=${position}`);
    expect(stats.status).toBe(200);
    const expectedMay2025 = history
      .filter((event) => event.type === 'WorkdaysLogged' && String((event.data as { on: string }).on).startsWith('2025-05'))
      .filter((event) => !voided(history).has((event.data as { entryId: string }).entryId))
      .reduce((sum, event) => sum + (event.data as { workdays: number }).workdays, 9);
    expect(((await stats.json()) as { totals: { workdays: number } }).totals.workdays).toBe(expectedMay2025);

    const projections = await api.fetch(`/v1/admin/projections`);
    expect(await projections.json()).toEqual([{ name: 'period-stats', version: 2, position: expect.stringMatching(/^\d+$/), lag: 0, status: 'following' }]);
    expect(await (await api.fetch(`/metrics`)).text()).toMatch(/danvan_projection_lag_events\{projection="period-stats"\} 0/);
    expect(api.log).not.toContain('lease acquired');
  }, 60_000);

  it('on SIGTERM commits the open batch with its checkpoint, gives the lease up at once, and the next projector resumes exactly', async () => {
    expect(projectorB.running).toBe(true);
    await append(
      Array.from({ length: 20_000 }, (_, index) => ({
        stream: `ledger-p1-c${index % 10}`,
        event: { type: 'WorkdaysLogged', data: { entryId: randomUUID(), unitId: `p1-c${index % 10}`, workdays: 1 + (index % 7), on: '2024-11-11' } } as DomainEvent,
      })).filter(({ event }) => !merged(history).has((event.data as { unitId: string }).unitId)),
    );
    await waitFor(async () => ((await checkpoint())?.processed ?? 0) > HISTORY_EVENTS + 1, 20_000, 2);
    const stopping = Date.now();
    await projectorB.kill('SIGTERM');
    expect(Date.now() - stopping).toBeLessThan(10_000);
    // Logged once the runner has stopped after its open batch and the lease is given up.
    expect(projectorB.log).toContain('lease released');
    expect(projectorB.log).not.toMatch(/batch failed/);

    // What is committed is exactly the events up to the stored checkpoint: the open batch
    // committed whole with its checkpoint, or not at all.
    const stored = (await checkpoint())!;
    expect(await caughtUp()).toBe(false);
    const committed = await eventsUpTo(store, stored.checkpoint);
    expect(committed.length).toBe(stored.processed);
    expect(await storedStatistics()).toEqual(foldStatistics(committed));

    projectorA = await projector('projector-a');
    await projectorA.start();
    await waitFor(() => projectorA.log.includes('lease acquired'), 3000);
    await waitFor(caughtUp, 60_000);
    expect(await storedStatistics()).toEqual(foldStatistics(await eventsUpTo(store, undefined)));
  }, 180_000);
});

/** Every domain event of the log at or before `checkpoint` (the whole log when undefined), read back from the store. */
async function eventsUpTo(store: PostgresEventStore, checkpoint: string | undefined): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: 10_000 });
    if (page.length === 0) return events;
    for (const recorded of page) {
      if (checkpoint !== undefined && store.isAfter(recorded.checkpoint, checkpoint)) return events;
      events.push({ type: recorded.type, data: recorded.data } as DomainEvent);
    }
    after = page[page.length - 1]!.checkpoint;
  }
}

function voided(events: readonly DomainEvent[]): Set<string> {
  return new Set(events.filter((event) => event.type === 'EntryVoided').map((event) => (event.data as { entryId: string }).entryId));
}

function merged(events: readonly DomainEvent[]): Set<string> {
  return new Set(events.filter((event) => event.type === 'UnitMerged').map((event) => (event.data as { unitId: string }).unitId));
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

(url ? describe : describe.skip)('three projector processes starting together on an empty schema', () => {
  const schema = `e2e_proj_${randomBytes(4).toString('hex')}`;
  const processes: ServerProcess[] = [];

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.kill('SIGKILL')));
    const admin = createPgServerPool({ connectionString: url!, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('all start, and exactly one of them leads', async () => {
    buildOnce();
    const admin = createPgServerPool({ connectionString: url!, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const separator = url!.includes('?') ? '&' : '?';
    for (let index = 0; index < 3; index++) {
      processes.push(
        new ServerProcess(
          { PORT: String(await freePort()), DATABASE_URL: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`, LOG_LEVEL: 'info' },
          PROJECTOR_MAIN,
        ),
      );
    }
    await Promise.all(processes.map((process) => process.start()));
    await sleep(1500);
    expect(processes.filter((process) => process.log.includes('lease acquired'))).toHaveLength(1);
  }, 60_000);
});
