import { postgresBackend, type TestDatabase } from '../testing/test-databases.js';
import { isConnectionFailure } from './connection-failure.js';
import { inTransaction, type SqlClient, type SqlPool } from './sql-pool.js';

/**
 * A session ended by the server in the middle of a transaction: node-postgres emits
 * 'error' on the checked-out client, which crashes the process unless someone listens.
 * PostgreSQL server only (PGlite runs in the process).
 */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('inTransaction when the server ends the session (PostgreSQL server)', () => {
  let db: TestDatabase;
  let pool: SqlPool;

  beforeAll(async () => {
    db = await postgresBackend(url!).create();
    pool = db.openAnother!({ applicationName: 'danvan-terminated' });
  });

  afterAll(async () => {
    await db.dispose();
  });

  async function terminate(client: SqlClient): Promise<void> {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    // Long enough for the server's goodbye to reach the idle client.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  it('rejects with a connection failure, keeps the process up and does not hand the dead session out again', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    let failure: unknown;
    try {
      await inTransaction(pool, async (tx) => {
        await terminate(tx);
        await tx.query('SELECT 1');
      });
    } catch (error) {
      failure = error;
    } finally {
      process.off('uncaughtException', record);
    }
    expect(uncaught).toEqual([]);
    expect(isConnectionFailure(failure)).toBe(true);
    // The pool works on with a fresh session.
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
