import { randomBytes, randomUUID } from 'node:crypto';
import { createPgServerPool, PostgresEventStore, type SqlPool } from '#event-store';
import { buildOnce, freePort, PROJECTOR_MAIN, ServerProcess } from './support/server-process.js';
import { TcpProxy } from './support/tcp-proxy.js';

/**
 * The PostgreSQL server going away after start and coming back, for the built API and
 * projector connected through a relay the test cuts (the shared server itself keeps
 * running). Runs whenever the server suites run (DATABASE_URL set, as in CI).
 */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('PostgreSQL server going away and coming back', () => {
  const schema = `e2e_outage_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let pool: SqlPool;
  let store: PostgresEventStore;
  let api: ServerProcess;
  let projector: ServerProcess;

  beforeAll(async () => {
    buildOnce();
    const target = new URL(url!);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    pool = createPgServerPool({ connectionString: url!, schema, max: 2 });
    await pool.query(`CREATE SCHEMA ${schema}`);
    store = new PostgresEventStore(pool);
    const relayed = new URL(url!);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(proxy.port);
    relayed.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: relayed.toString(), LOG_LEVEL: 'info' };
    projector = new ServerProcess({ ...env, PORT: String(await freePort()) }, PROJECTOR_MAIN);
    api = new ServerProcess({ ...env, PORT: String(await freePort()), RUN_PROJECTIONS: 'false', CONSISTENCY_TIMEOUT_MS: '20000' });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api, projector].map((process) => process?.kill('SIGKILL')));
    await proxy?.close();
    await store?.close();
    await pool?.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool?.end();
  });

  it('refuses to start the projector with a clear message when the configured server does not answer', async () => {
    const refused = new ServerProcess({ PORT: String(await freePort()), DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/none` }, PROJECTOR_MAIN);
    await expect(refused.start(15_000)).rejects.toThrow(/exited with 1/);
    expect(refused.log).toMatch(/DATABASE_URL: the PostgreSQL server does not answer \(connect ECONNREFUSED/);
  }, 30_000);

  it('answers 503 STORE_UNAVAILABLE while the server is away; the projector retries with backoff and resumes when it is back', async () => {
    await projector.start();
    await api.start();
    const post = (path: string, body: unknown) =>
      api.fetch(`${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/v1/units', { unitId: 'ha-giang', name: 'Hà Giang', kind: 'province' })).status).toBe(201);

    await proxy.cut();
    const unit = await api.fetch(`/v1/units/ha-giang`);
    expect(unit.status).toBe(503);
    expect(await unit.json()).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: 'A data store is not answering; retry later' } });
    const refusedCommand = await post('/v1/workdays', { unitId: 'ha-giang', workdays: 4, on: '2025-02-02' });
    expect(refusedCommand.status).toBe(503);
    expect((await api.fetch(`/health/ready`)).status).toBe(503);

    // Written while the processes cannot reach the server: the projector must catch up later.
    const direct = await store.append('ledger-ha-giang', [{ eventId: randomUUID(), type: 'WorkdaysLogged', data: { entryId: randomUUID(), unitId: 'ha-giang', workdays: 6, on: '2025-02-03' }, metadata: { schemaVersion: 1 } }], 'any');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // The log in the assertion: a projector that died says why in the failure.
    expect({ running: projector.running, log: projector.log }).toEqual({ running: true, log: expect.stringMatching(/retrying/) });

    await proxy.restore();
    // The API answers again as soon as the server does, and sees the projector's work.
    const stats = await api.fetch(`/v1/stats?period=month:2025-02&unit=ha-giang&consistentWith=${direct.position}`);
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { totals: { workdays: number } }).totals.workdays).toBe(6);
    expect((await post('/v1/workdays', { unitId: 'ha-giang', workdays: 4, on: '2025-02-02' })).status).toBe(201);
  }, 90_000);
});
