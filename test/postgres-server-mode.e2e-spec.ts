import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { defaultFoldThreads } from '../apps/cli/src/fold-threads.js';
import { buildOnce, freePort, runCli, ServerProcess } from './support/server-process.js';

/**
 * The built server configured with DATABASE_URL (no injected pool): the log and the read
 * models live on the PostgreSQL server, here in a throw-away schema. Runs whenever the
 * server suites run (DATABASE_URL set, as in CI).
 */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('server on DATABASE_URL', () => {
  const schema = `e2e_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let server: ServerProcess;

  beforeAll(async () => {
    buildOnce();
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const withSchema = `${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    server = new ServerProcess({ PORT: String(await freePort()), DATABASE_URL: withSchema, DATA_DIR: '/nonexistent-not-used' });
  }, 120_000);

  afterAll(async () => {
    await server.kill('SIGKILL');
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  it('keeps the log and the statistics on the server, across a restart', async () => {
    await server.start();
    const post = await server.fetch(`/v1/workdays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(400);
    const unit = await server.fetch(`/v1/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: 'yen-bai', name: 'Yên Bái', kind: 'province' }),
    });
    expect(unit.status).toBe(201);
    const workdays = await server.fetch(`/v1/workdays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: 'yen-bai', workdays: 7, on: '2025-05-01' }),
    });
    const answer = (await workdays.json()) as { position: string };
    await server.kill('SIGTERM');
    const { rows } = await admin.query(`SELECT type FROM ${schema}.es_events ORDER BY position`);
    expect(rows.map((r: { type: string }) => r.type)).toEqual(['UnitRegistered', 'WorkdaysLogged']);

    await server.start();
    const stats = await server.fetch(`/v1/stats?period=month:2025-05&unit=yen-bai&consistentWith=${answer.position}`);
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { totals: { workdays: number } }).totals.workdays).toBe(7);
  }, 120_000);

  it('rebuilds the statistics with `danvan rebuild` in another process while the server keeps serving and projecting', async () => {
    const rebuild = runCli(['rebuild', '--projection', 'period-stats'], { DATABASE_URL: server.env.DATABASE_URL! });
    // Where it runs and how it folds, and nothing else: no warning, no error.
    const threads = defaultFoldThreads();
    const folding = threads > 1 ? `danvan: folding the log in ${threads} threads, a share of its streams each\n` : '';
    expect(rebuild.stderr).toMatch(/^danvan: rebuilding at niceness 10, [^\n]*\n/);
    expect(rebuild.stderr.slice(rebuild.stderr.indexOf('\n') + 1)).toBe(folding);
    expect(rebuild.stdout).toMatch(/^rebuild [0-9a-f-]{36} of period-stats done: 2 events in [\d.]+ s \(\d+ events\/s, peak RSS \d+ MB\), tables swapped in$/m);
    expect(rebuild.status).toBe(0);

    // The server's runner follows on the swapped-in tables.
    const more = await server.fetch(`/v1/workdays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: 'yen-bai', workdays: 3, on: '2025-05-02' }),
    });
    const answer = (await more.json()) as { position: string };
    const stats = await server.fetch(`/v1/stats?period=month:2025-05&unit=yen-bai&consistentWith=${answer.position}`);
    expect(((await stats.json()) as { totals: { workdays: number } }).totals.workdays).toBe(10);
    const { rows } = await admin.query(`SELECT status, processed FROM ${schema}.rm_rebuilds`);
    expect(rows).toEqual([{ status: 'done', processed: '2' }]);
  }, 120_000);
});
