import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgServerPool, type SqlPool } from '#event-store';
import { mintToken } from '../apps/api/src/auth/token-minting.js';

/** The value below which `p` percent of the sorted latencies lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface ServerSchema {
  readonly schema: string;
  readonly pool: pg.Pool & SqlPool;
  /** A connection outside the schema, for set-up and clean-up. */
  readonly admin: pg.Client;
  /** DATABASE_URL for another process to use the same schema. */
  readonly url: string;
  dispose(extraSchemas?: readonly string[]): Promise<void>;
}

/** A throw-away schema on the PostgreSQL server of `url`, dropped by `dispose`. */
export async function openServerSchema(url: string, prefix: string, maxConnections: number): Promise<ServerSchema> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = createPgServerPool({ connectionString: url, schema, max: maxConnections });
  return {
    schema,
    pool,
    admin,
    url: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async dispose(extraSchemas = []) {
      await pool.end();
      for (const name of [schema, ...extraSchemas]) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * The benchmark's API runs with a throw-away token key and no rate limit; its queries
 * carry a reader's token, as a dashboard's would.
 */
export function benchApiAuth(): { env: Record<string, string>; headers: Record<string, string> } {
  const secret = randomBytes(32).toString('hex');
  const token = mintToken(secret, { sub: 'bench', role: 'reader', ttlSeconds: 24 * 3600 });
  return { env: { AUTH_JWT_SECRET: secret, RATE_LIMIT_PER_MINUTE: '1000000' }, headers: { authorization: `Bearer ${token}` } };
}
