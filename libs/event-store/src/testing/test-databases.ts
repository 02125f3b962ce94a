import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { closeEmbeddedDatabase, openEmbeddedDatabase } from '../sql/embedded-database.js';
import { createPgServerPool } from '../sql/pg-server-pool.js';
import type { SqlPool } from '../sql/sql-pool.js';

/**
 * The databases every integration suite runs against: always real PGlite, and the real
 * PostgreSQL server whenever DATABASE_URL is set (CI sets it; an unreachable server then
 * fails the suites rather than skipping them).
 */
export interface TestDatabase {
  readonly pool: SqlPool;
  /**
   * Opens another pool on the same database (the PostgreSQL server only); a distinct
   * application name lets a test find (and terminate) that pool's sessions.
   */
  readonly openAnother?: (options?: { applicationName?: string }) => SqlPool;
  /** The throw-away schema the suite's sessions are confined to (the PostgreSQL server only). */
  readonly schema?: string;
  dispose(): Promise<void>;
}

export interface TestBackend {
  readonly name: 'pglite' | 'postgres';
  create(): Promise<TestDatabase>;
}

/** Written by test/global-setup.ts: an initialised empty PGlite, loaded in ~0.4 s instead of ~2.5 s. */
export const PGLITE_TEMPLATE_ENV = 'DANVAN_PGLITE_TEMPLATE';

export const pgliteBackend: TestBackend = {
  name: 'pglite',
  async create() {
    const template = process.env[PGLITE_TEMPLATE_ENV];
    const loadDataDir = template ? new Blob([await readFile(template)]) : undefined;
    const pool = await openEmbeddedDatabase(undefined, loadDataDir ? { loadDataDir } : {});
    return { pool, dispose: () => closeEmbeddedDatabase(pool) };
  },
};

/**
 * Opens `count` sessions of `pool` at once (so each is a new one, with its own server
 * process), returns their server processes' ids, and gives the sessions back to the pool.
 */
export async function serverPidsOfNewSessions(pool: pg.Pool, count: number): Promise<number[]> {
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
  try {
    return await Promise.all(clients.map(async (client) => Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid)));
  } finally {
    clients.forEach((client) => client.release());
  }
}

/** Whether a PostgreSQL server URL names this host over TCP: its sessions' server processes are then ours to see. */
export const onThisHostOverTcp = (url: string): boolean => /@(127\.0\.0\.1|localhost)[:/]/.test(url);

export function postgresBackend(connectionString: string): TestBackend {
  return {
    name: 'postgres',
    async create() {
      const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const pools: SqlPool[] = [];
      const open = (options: { applicationName?: string } = {}) => {
        const pool = createPgServerPool({ connectionString, schema, max: 10, ...options });
        pools.push(pool);
        return pool;
      };
      return {
        pool: open(),
        openAnother: open,
        schema,
        async dispose() {
          await Promise.all(pools.map((pool) => pool.end()));
          const cleanup = new pg.Client({ connectionString });
          await cleanup.connect();
          // With the schemas a rebuild names after it (its shadow tables, left by a failed one).
          const { rows } = await cleanup.query<{ name: string }>(
            "SELECT nspname AS name FROM pg_namespace WHERE nspname = $1 OR starts_with(nspname, $1 || '_')",
            [schema],
          );
          for (const { name } of rows) await cleanup.query(`DROP SCHEMA ${name} CASCADE`);
          await cleanup.end();
        },
      };
    },
  };
}

export function testBackends(): TestBackend[] {
  const url = process.env.DATABASE_URL;
  return url ? [pgliteBackend, postgresBackend(url)] : [pgliteBackend];
}
