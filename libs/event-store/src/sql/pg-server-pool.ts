import pg from 'pg';
import type { SqlPool } from './sql-pool.js';
import { onLocalServerProcess } from './local-server-process.js';
import { TEXT_PARSERS } from './type-parsers.js';

export interface PgServerPoolOptions {
  connectionString: string;
  max?: number;
  /** Confine every session to one schema (tests isolate themselves this way). */
  schema?: string;
  applicationName?: string;
  /** For a batch job's pool: called with the process id of each session's server process, where the server runs on this host. */
  onLocalServerProcess?: (pid: number) => void;
}

const textTypes = {
  getTypeParser(oid: number, format?: string) {
    const parser = TEXT_PARSERS[oid];
    if (parser && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** What each pool was made with: another thread opens a pool like it from these. */
const settingsOfPools = new WeakMap<SqlPool, PgServerPoolOptions>();

/** The options a pool of createPgServerPool was made with; undefined for any other pool. */
export function serverPoolSettings(pool: SqlPool): PgServerPoolOptions | undefined {
  return settingsOfPools.get(pool);
}

export function createPgServerPool(options: PgServerPoolOptions): pg.Pool & SqlPool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'danvan',
    types: textTypes as pg.CustomTypesConfig,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  if (options.onLocalServerProcess) onLocalServerProcess(pool, options.onLocalServerProcess);
  settingsOfPools.set(pool as pg.Pool & SqlPool, options);
  return pool as pg.Pool & SqlPool;
}

/** The `pg` module as TypeORM loads it, with our type parsers, for `driver:` in options. */
export const pgDriverWithTextTypes = {
  ...pg,
  Pool: class extends pg.Pool {
    constructor(config: pg.PoolConfig) {
      super({ ...config, types: textTypes as pg.CustomTypesConfig });
    }
  },
};
