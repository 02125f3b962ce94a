import type { ObservableClient, SqlPool } from '#event-store';

/**
 * The advisory-lock key of a projection's lease. Advisory locks are per database, and
 * test suites (or several deployments) share one database in schemas of their own: the
 * schema is part of the key so that they never contend for each other's lease.
 */
const LEASE_KEY = `hashtextextended('danvan:projection:' || current_schema() || ':' || $1::text, 0)`;

/**
 * The server ends the session of a holder that went silent: idle_session_timeout (PostgreSQL
 * 14 and later) and TCP keepalives probing every $2 s. Session-level settings: the
 * connection is destroyed, not returned to the pool, once the lease ends.
 */
const SESSION_LIMITS = `SELECT CASE WHEN current_setting('server_version_num')::int >= 140000
                             THEN set_config('idle_session_timeout', $1::text, false) END,
                           set_config('tcp_keepalives_idle', $2::text, false),
                           set_config('tcp_keepalives_interval', $2::text, false),
                           set_config('tcp_keepalives_count', '2', false)`;

export interface ProjectionLeaseOptions {
  /** How often the held connection is checked, so a silently dead one is noticed. */
  readonly heartbeatMs?: number;
  /**
   * How long the server keeps a lease whose holder stopped answering (a frozen process, a
   * host gone without closing its connection) before it ends the session and frees the
   * lock: the session's idle timeout, which the heartbeat keeps from expiring, and TCP
   * keepalives of the same order. Well above `heartbeatMs`.
   */
  readonly sessionTimeoutMs?: number;
}

/**
 * Leadership of one projection across processes: a PostgreSQL session-level advisory
 * lock held on a connection of its own. When the holder dies, its connection closes and
 * the server releases the lock, so a standby's next attempt wins. Correctness does not
 * rest on the lease: each batch locks and compares the checkpoint row, so even two
 * writers believing they lead could not apply the same events twice. The lease only
 * keeps the standbys from wasting work. PostgreSQL server only (PGlite is one process).
 */
export class ProjectionLease {
  private client: ObservableClient | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly ended = new AbortController();
  private readonly onError = (error?: Error) => this.lose(error ?? new Error('lease connection failed'));
  private readonly onEnd = () => this.lose(new Error('lease connection ended'));

  constructor(
    private readonly pool: SqlPool,
    readonly projection: string,
    private readonly options: ProjectionLeaseOptions = {},
  ) {}

  /** Aborted once the lease is gone: released, or lost with its connection. */
  get signal(): AbortSignal {
    return this.ended.signal;
  }

  get held(): boolean {
    return this.client !== undefined;
  }

  /** One attempt; true when this process now holds the lease. Throws when the server does not answer. */
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    if (this.ended.signal.aborted) throw new Error(`Lease of ${this.projection} already ended; open a new one`);
    const client = (await this.pool.connect()) as ObservableClient;
    // A checked-out node-postgres client with no 'error' listener would crash the process.
    client.on?.('error', this.onError);
    client.on?.('end', this.onEnd);
    let locked = false;
    try {
      const timeoutMs = this.options.sessionTimeoutMs ?? 10_000;
      // A probe every quarter of the timeout; two unanswered ones end the session.
      const probeSeconds = Math.max(1, Math.ceil(timeoutMs / 4000));
      await client.query(SESSION_LIMITS, [String(timeoutMs), String(probeSeconds)]);
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LEASE_KEY}) AS locked`, [this.projection]);
      locked = rows[0]?.locked === true;
    } catch (error) {
      this.forget(client, error as Error);
      throw error;
    }
    if (!locked) {
      this.forget(client);
      return false;
    }
    this.client = client;
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: Error) => this.lose(error));
    }, this.options.heartbeatMs ?? 2000);
    this.heartbeat.unref();
    return true;
  }

  /** Gives the lease up so a standby takes over at once; nothing to do once lost. */
  async release(): Promise<void> {
    const client = this.client;
    if (!client) return this.ended.abort();
    this.stopHeartbeat();
    this.client = undefined;
    try {
      await client.query(`SELECT pg_advisory_unlock(${LEASE_KEY})`, [this.projection]);
      this.forget(client);
    } catch (error) {
      // Destroying the connection releases the lock just as well.
      this.forget(client, error as Error);
    } finally {
      this.ended.abort();
    }
  }

  private lose(error: Error): void {
    const client = this.client;
    if (!client) return;
    this.stopHeartbeat();
    this.client = undefined;
    this.forget(client, error);
    this.ended.abort(error);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Destroyed, never reused: its session carries the lease's limits (and may be broken). */
  private forget(client: ObservableClient, error?: Error): void {
    // The pool listens again for the errors of a connection it holds.
    client.removeListener?.('error', this.onError);
    client.removeListener?.('end', this.onEnd);
    try {
      client.release(error ?? true);
    } catch {
      // Released already (the pool does that for a connection that broke while idle).
    }
  }
}

/** Whether any session holds the projection's lease (a projector is active somewhere). */
export async function leaseIsHeld(db: Pick<SqlPool, 'query'>, projection: string): Promise<boolean> {
  // A bigint advisory key shows in pg_locks as its high half in classid, its low half in
  // objid, and objsubid 1.
  const { rows } = await db.query<{ held: boolean }>(
    `WITH lease AS (SELECT ${LEASE_KEY} AS key)
     SELECT EXISTS (
       SELECT 1 FROM pg_locks, lease
       WHERE locktype = 'advisory' AND granted AND objsubid = 1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid::text::bigint = (lease.key >> 32) & 4294967295
         AND objid::text::bigint = lease.key & 4294967295
     ) AS held`,
    [projection],
  );
  return rows[0]?.held === true;
}
