import { readFileSync } from 'node:fs';
import { postgresBackend, type TestDatabase } from '../testing/test-databases.js';
import { createPgServerPool } from './pg-server-pool.js';

/**
 * The server processes of a batch job's sessions get its lower priority. Needs the
 * PostgreSQL server on this host over TCP (as in CI) and the right to renice its
 * processes (root), else the suite says it cannot run.
 */
const url = process.env.DATABASE_URL;
const mayRenice = process.platform === 'linux' && process.getuid?.() === 0;
if (url && !mayRenice) console.warn('[danvan] server-session priority suite NOT RUN: it needs Linux and root to renice the server processes');

(url && mayRenice ? describe : describe.skip)('createPgServerPool({ serverSessionNiceness }) (PostgreSQL server on this host)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await postgresBackend(url!).create();
  });

  afterAll(async () => {
    await db.dispose();
  });

  /** Field 19 of the process's stat line, counted after the command's closing parenthesis. */
  const nicenessOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

  async function serverNiceness(niceness: number | undefined): Promise<number[]> {
    const pool = createPgServerPool({ connectionString: url!, schema: db.schema, max: 2, serverSessionNiceness: niceness });
    try {
      // Two sessions at once: each new one is lowered.
      const clients = await Promise.all([pool.connect(), pool.connect()]);
      const pids = await Promise.all(clients.map(async (client) => Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid)));
      const niceness = pids.map(nicenessOf);
      clients.forEach((client) => client.release());
      return niceness;
    } finally {
      await pool.end();
    }
  }

  it("lowers the server processes of the pool's sessions, and leaves the service's alone", async () => {
    expect(await serverNiceness(10)).toEqual([10, 10]);
    expect(await serverNiceness(undefined)).toEqual([0, 0]);
  });
});
