import { onThisHostOverTcp, postgresBackend, serverPidsOfNewSessions, type TestDatabase } from '../testing/test-databases.js';
import { createPgServerPool } from './pg-server-pool.js';

/**
 * A batch job learns the server process behind each of its sessions. Needs the PostgreSQL
 * server on this host over TCP (as in CI), else the suite says it cannot run.
 */
const url = process.env.DATABASE_URL;
const local = process.platform === 'linux' && url !== undefined && onThisHostOverTcp(url);
if (url && !local) console.warn('[danvan] local server process suite NOT RUN: it needs Linux and a DATABASE_URL on this host over TCP');

(local ? describe : describe.skip)('createPgServerPool({ onLocalServerProcess }) (PostgreSQL server on this host)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await postgresBackend(url!).create();
  });

  afterAll(async () => {
    await db.dispose();
  });

  it("reports the server process of each of the pool's sessions, once", async () => {
    const found: number[] = [];
    const pool = createPgServerPool({ connectionString: url!, schema: db.schema, max: 2, onLocalServerProcess: (pid) => found.push(pid) });
    try {
      // Two sessions, each reported when it opens; their reuse reports nothing.
      const pids = await serverPidsOfNewSessions(pool, 2);
      await pool.query('SELECT 1');
      expect(found.sort()).toEqual(pids.sort());
      expect(new Set(pids).size).toBe(2);
    } finally {
      await pool.end();
    }
  });
});
