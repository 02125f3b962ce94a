import { randomBytes, randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION } from '#domain';
import { createPgServerPool, PostgresEventStore, type SqlPool } from '#event-store';
import { PeriodStatsProjection, ProjectionRunner } from '#projections';
import { openReadModels } from '#read-models';
import { generateHistory } from '../libs/projections/src/testing/generate-history.js';
import { readModelSnapshot } from '../libs/projections/src/testing/read-model-snapshot.js';
import { buildOnce, runCli } from './support/server-process.js';

/**
 * `danvan rebuild --threads N` on a PostgreSQL server, as built: the first pass folds the
 * log in N shares of its streams, N - 1 of them in worker threads of the CLI's process,
 * and the tables it swaps in equal, row for row, the ones the live runner maintained.
 */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('danvan rebuild in threads, on DATABASE_URL', () => {
  const schema = `e2e_threads_${randomBytes(4).toString('hex')}`;
  const projection = new PeriodStatsProjection();
  let admin: SqlPool;
  let pool: SqlPool;
  let cliUrl: string;

  beforeAll(async () => {
    buildOnce();
    admin = createPgServerPool({ connectionString: url!, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    pool = createPgServerPool({ connectionString: url!, schema, max: 4 });
    cliUrl = `${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema}_rebuild_period_stats CASCADE`);
    await admin?.end();
  });

  it('builds the same rows as the live runner, in 2 and in 3 threads, and says so', async () => {
    const store = new PostgresEventStore(pool);
    await store.migrate();
    await openReadModels(pool);
    const history = [...generateHistory({ events: 20_000, provinces: 6, communesPerProvince: 10, mergeRate: 0.004, seed: 23 })];
    const { position } = await store.importEvents(
      history.map(({ stream, event }) => ({
        streamName: stream,
        event: { eventId: randomUUID(), type: event.type, data: event.data, metadata: { actor: 'test', schemaVersion: CURRENT_SCHEMA_VERSION[event.type] } },
      })),
    );
    const live = new ProjectionRunner(store, pool, projection, { batchSize: 250, retryDelayMs: 20 });
    await live.start();
    try {
      expect(await live.waitUntilCovered(position, 120_000)).toBe(true);
    } finally {
      await live.stop();
    }
    const incremental = await readModelSnapshot(pool, projection);
    expect(incremental.rm_year_stats!.length).toBeGreaterThan(1000);

    for (const threads of [2, 3]) {
      const rebuild = runCli(['rebuild', '--threads', String(threads)], { DATABASE_URL: cliUrl });
      expect(rebuild.stderr).toContain(`danvan: folding the log in ${threads} threads, a share of its streams each\n`);
      expect(rebuild.stdout).toMatch(/^rebuild [0-9a-f-]{36} of period-stats done: 20000 events in /m);
      expect(rebuild.status).toBe(0);
      expect(await readModelSnapshot(pool, projection)).toEqual(incremental);
    }
  }, 300_000);
});
