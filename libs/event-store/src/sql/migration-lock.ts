import { withClient, type SqlPool } from './sql-pool.js';

/**
 * Runs `migrate` while holding the schema's migration lock on the PostgreSQL server, so that
 * processes starting together (API instances, projectors) apply the migrations one after
 * the other: the others then find them applied, instead of failing on a table created
 * under their feet. The lock is held on a session of its own; `migrate` uses the pool.
 * Not for PGlite: its pool has one session, and its data directory one process anyway.
 */
export async function withMigrationLock<T>(pool: SqlPool, migrate: () => Promise<T>): Promise<T> {
  const key = `hashtextextended('danvan:migrations:' || current_schema(), 0)`;
  return withClient(pool, async (lock) => {
    await lock.query(`SELECT pg_advisory_lock(${key})`);
    try {
      return await migrate();
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(${key})`);
    }
  });
}
