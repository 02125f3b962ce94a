import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EventStoreDbDouble } from './eventstoredb-double/eventstoredb-double.js';
import { buildOnce, freePort, PROJECTOR_MAIN, ServerProcess } from './support/server-process.js';

/**
 * The built server configured with EVENTSTORE_CONNECTION_STRING (the log) and DATABASE_URL
 * (the read models). The log here is the in-process protocol double, not EventStoreDB:
 * what this shows is the wiring — commands appended through the adapter, the projection
 * following its subscription into PostgreSQL, the refusal to start without the store.
 */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('server on EVENTSTORE_CONNECTION_STRING (protocol double) + DATABASE_URL', () => {
  const schema = `e2e_esdb_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let log: EventStoreDbDouble;
  let server: ServerProcess;
  let withSchema: string;

  beforeAll(async () => {
    buildOnce();
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    withSchema = `${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    log = await EventStoreDbDouble.start();
    server = new ServerProcess({ PORT: String(await freePort()), DATABASE_URL: withSchema, EVENTSTORE_CONNECTION_STRING: log.connectionString });
  }, 120_000);

  afterAll(async () => {
    await server.kill('SIGKILL');
    await log.stop();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  it('appends commands to the log store and projects them into PostgreSQL', async () => {
    await server.start();
    const post = (path: string, body: unknown) =>
      server.fetch(`${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/v1/units', { unitId: 'lao-cai', name: 'Lào Cai', kind: 'province' })).status).toBe(201);
    const logged = await post('/v1/workdays', { unitId: 'lao-cai', workdays: 12, on: '2025-03-08' });
    expect(logged.status).toBe(201);
    const { position } = (await logged.json()) as { position: string };
    const stats = await server.fetch(`/v1/stats?period=quarter:2025-Q1&unit=lao-cai&consistentWith=${position}`);
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { totals: { workdays: number } }).totals.workdays).toBe(12);
    // The log is not in PostgreSQL: no es_events there.
    const { rows } = await admin.query(`SELECT to_regclass('${schema}.es_events') AS events`);
    expect(rows).toEqual([{ events: null }]);
    await server.kill('SIGTERM');
  }, 120_000);

  it('projects in a projector process for an API that leaves it the projections, and resumes after the subscription drops', async () => {
    const env = { DATABASE_URL: withSchema, EVENTSTORE_CONNECTION_STRING: log.connectionString };
    const projector = new ServerProcess({ ...env, PORT: String(await freePort()), LOG_LEVEL: 'info' }, PROJECTOR_MAIN);
    const api = new ServerProcess({ ...env, PORT: String(await freePort()), RUN_PROJECTIONS: 'false' });
    try {
      await projector.start();
      await api.start();
      const logWorkdays = async (workdays: number, on: string) => {
        const answer = await api.fetch(`/v1/workdays`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ unitId: 'lao-cai', workdays, on }),
        });
        expect(answer.status).toBe(201);
        return ((await answer.json()) as { position: string }).position;
      };
      const quarterWorkdays = async (position: string) => {
        const stats = await api.fetch(`/v1/stats?period=quarter:2025-Q1&unit=lao-cai&consistentWith=${position}`);
        expect(stats.status).toBe(200);
        return ((await stats.json()) as { totals: { workdays: number } }).totals.workdays;
      };

      // 12 logged by the first test, then 5.
      expect(await quarterWorkdays(await logWorkdays(5, '2025-03-09'))).toBe(17);
      const opened = log.subscriptionsOpened;
      // The projector's, the only one: the API does not subscribe.
      expect(log.liveSubscriptions).toBe(1);
      log.dropSubscriptions();
      expect(await quarterWorkdays(await logWorkdays(3, '2025-03-10'))).toBe(20);
      expect(log.subscriptionsOpened).toBeGreaterThan(opened);
      expect(api.log).not.toContain('lease acquired');
      expect(projector.log).toContain('lease acquired');
    } finally {
      await api.kill('SIGTERM');
      await projector.kill('SIGTERM');
    }
  }, 120_000);

  it('refuses to start when the configured EventStoreDB does not answer', async () => {
    const unreachable = new ServerProcess({
      PORT: String(await freePort()),
      DATABASE_URL: withSchema,
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${await freePort()}?tls=false`,
    });
    await expect(unreachable.start(60_000)).rejects.toThrow(/EVENTSTORE_CONNECTION_STRING: EventStoreDB does not answer/);
  }, 120_000);
});
