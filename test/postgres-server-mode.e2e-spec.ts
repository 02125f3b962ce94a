import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildOnce, freePort, ServerProcess } from './support/server-process.js';

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
    const post = await fetch(`${server.baseUrl}/v1/workdays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(400);
    const unit = await fetch(`${server.baseUrl}/v1/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: 'yen-bai', name: 'Yên Bái', kind: 'province' }),
    });
    expect(unit.status).toBe(201);
    const workdays = await fetch(`${server.baseUrl}/v1/workdays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: 'yen-bai', workdays: 7, on: '2025-05-01' }),
    });
    const answer = (await workdays.json()) as { position: string };
    await server.kill('SIGTERM');
    const { rows } = await admin.query(`SELECT type FROM ${schema}.es_events ORDER BY position`);
    expect(rows.map((r: { type: string }) => r.type)).toEqual(['UnitRegistered', 'WorkdaysLogged']);

    await server.start();
    const stats = await fetch(`${server.baseUrl}/v1/stats?period=month:2025-05&unit=yen-bai&consistentWith=${answer.position}`);
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { totals: { workdays: number } }).totals.workdays).toBe(7);
  }, 120_000);
});
