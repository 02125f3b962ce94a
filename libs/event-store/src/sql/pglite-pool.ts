import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';
import type { SqlClient, SqlPool, SqlResult } from './sql-pool.js';
import { TEXT_PARSERS } from './type-parsers.js';

type Callback = (error: Error | undefined, client?: PGliteClient, release?: () => void) => void;

/**
 * A node-postgres-shaped pool over one in-process PGlite database. PGlite has a single
 * session, so a client is handed out exclusively until released: without that, one
 * caller's ROLLBACK would discard another caller's statements in the same session.
 */
export class PGlitePool extends EventEmitter implements SqlPool {
  private tail: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(readonly db: PGlite) {
    super();
  }

  connect(): Promise<PGliteClient>;
  connect(callback: Callback): void;
  connect(callback?: Callback): Promise<PGliteClient> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(undefined, client, () => client.release()),
      (error: Error) => callback(error),
    );
  }

  async query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<SqlResult<Row>> {
    const client = await this.acquire();
    try {
      return await client.query<Row>(text, values);
    } finally {
      client.release();
    }
  }

  async end(callback?: (error?: Error) => void): Promise<void> {
    this.ended = true;
    await this.tail;
    callback?.();
  }

  private acquire(): Promise<PGliteClient> {
    if (this.ended) return Promise.reject(new Error('PGlite pool has ended'));
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    return previous.then(() => new PGliteClient(this.db, release));
  }
}

export class PGliteClient extends EventEmitter implements SqlClient {
  private released = false;

  constructor(
    private readonly db: PGlite,
    private readonly onRelease: () => void,
  ) {
    super();
  }

  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<SqlResult<Row>>;
  query(text: string, values: readonly unknown[] | undefined, callback: (error: Error | null, result?: SqlResult) => void): void;
  query<Row = Record<string, unknown>>(
    text: string | { text: string; values?: unknown[] },
    values?: readonly unknown[],
    callback?: (error: Error | null, result?: SqlResult) => void,
  ): Promise<SqlResult<Row>> | void {
    const sql = typeof text === 'string' ? text : text.text;
    const params = typeof text === 'string' ? values : text.values;
    const running = this.run<Row>(sql, params);
    if (!callback) return running;
    running.then(
      (result) => callback(null, result as SqlResult),
      (error: Error) => callback(error),
    );
  }

  /** `COPY … FROM '/dev/blob'` with `blob` as its input (see copy-rows.ts). */
  async copyFromBlob(sql: string, blob: Blob): Promise<void> {
    if (this.released) throw new Error('PGlite client used after release');
    await this.db.query(sql, [], { blob });
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }

  private async run<Row>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> {
    if (this.released) throw new Error('PGlite client used after release');
    const options = { parsers: TEXT_PARSERS };
    if (params && params.length > 0) {
      return toSqlResult(await this.db.query<Row>(sql, params as unknown[], options));
    }
    // Without parameters node-postgres uses the simple protocol, which accepts several
    // statements (migrations rely on it); PGlite's exec is the equivalent.
    const results = await this.db.exec(sql, options);
    const last = results[results.length - 1];
    return last ? toSqlResult(last as Results<Row>) : { rows: [], rowCount: 0 };
  }
}

function toSqlResult<Row>(result: Results<Row>): SqlResult<Row> {
  const extra = result as Results<Row> & { command?: string; rowCount?: number };
  return {
    rows: result.rows,
    rowCount: extra.rowCount ?? result.affectedRows ?? result.rows.length,
    ...(extra.command ? { command: extra.command } : {}),
  };
}

/** The `pg` module shape TypeORM loads as its driver, backed by one PGlite pool. */
export function pgliteDriverFor(pool: PGlitePool): { Pool: new () => PGlitePool; defaults: object } {
  return {
    Pool: function PGliteDriverPool() {
      return pool;
    } as unknown as new () => PGlitePool,
    defaults: {},
  };
}
