/**
 * The slice of node-postgres' Pool that the event store and TypeORM use. A real `pg.Pool`
 * satisfies it; so does the in-process PGlite pool, which lets one adapter serve both.
 */
export interface SqlResult<Row = Record<string, unknown>> {
  rows: Row[];
  rowCount: number | null;
  command?: string;
}

export interface SqlClient {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<SqlResult<Row>>;
  release(error?: Error | boolean): void;
}

export interface SqlPool {
  connect(): Promise<SqlClient>;
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<SqlResult<Row>>;
  end(): Promise<void>;
}

/** A pool client that reports a broken connection: node-postgres' clients are EventEmitters, PGlite's are not. */
export type ObservableClient = SqlClient & {
  on?(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
  removeListener?(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
};

/**
 * Runs `work` on a client checked out of the pool, then gives it back. node-postgres emits
 * 'error' on a checked-out client whose session breaks, even in the middle of a query, and
 * with nobody listening that ends the process: a server restart during a projector's
 * batch or an API command would take the process down. The query in flight rejects on its
 * own; the broken client is destroyed instead of going back to the pool.
 */
export async function withClient<T>(pool: SqlPool, work: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = (await pool.connect()) as ObservableClient;
  let broken: Error | undefined;
  const onError = (error?: Error) => (broken ??= error ?? new Error('connection failed'));
  client.on?.('error', onError);
  try {
    return await work(client);
  } finally {
    client.removeListener?.('error', onError);
    client.release(broken);
  }
}

/** Runs `work` in one transaction on one client; rolls back on any error. */
export function inTransaction<T>(pool: SqlPool, work: (client: SqlClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
