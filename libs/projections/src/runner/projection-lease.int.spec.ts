import { randomBytes } from 'node:crypto';
import { createPgServerPool, type SqlPool } from '#event-store';
import { postgresBackend, type TestDatabase } from '../../../event-store/src/testing/test-databases.js';
import { leaseIsHeld, ProjectionLease } from './projection-lease.js';

/**
 * Advisory locks exist only on the PostgreSQL server (PGlite is one process, which its data
 * directory lock already guarantees). Without DATABASE_URL this suite does not run; the
 * global setup says so loudly. With it, an unreachable server fails the suite.
 */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('ProjectionLease (PostgreSQL server)', () => {
  let db: TestDatabase;
  let other: TestDatabase;
  const opened: ProjectionLease[] = [];
  const lease = (pool: SqlPool, name = 'period-stats') => {
    const created = new ProjectionLease(pool, name, { heartbeatMs: 200 });
    opened.push(created);
    return created;
  };

  beforeAll(async () => {
    db = await postgresBackend(url!).create();
    other = await postgresBackend(url!).create();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((held) => held.release()));
  });

  afterAll(async () => {
    await db.dispose();
    await other.dispose();
  });

  it('is held by one session at a time and passes to another once released', async () => {
    const first = lease(db.openAnother!());
    const second = lease(db.openAnother!());
    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    expect(await leaseIsHeld(db.pool, 'period-stats')).toBe(true);

    await first.release();
    expect(first.signal.aborted).toBe(true);
    expect(await leaseIsHeld(db.pool, 'period-stats')).toBe(false);
    expect(await second.tryAcquire()).toBe(true);
    expect(await leaseIsHeld(db.pool, 'period-stats')).toBe(true);
  });

  it('is one per projection and per schema: other projections and other schemas do not contend', async () => {
    expect(await lease(db.pool, 'period-stats').tryAcquire()).toBe(true);
    expect(await lease(db.pool, 'another-projection').tryAcquire()).toBe(true);
    expect(await lease(other.pool, 'period-stats').tryAcquire()).toBe(true);
    expect(await leaseIsHeld(other.pool, 'never-leased')).toBe(false);
  });

  it('is lost when its connection dies, and the server frees it for a standby', async () => {
    const applicationName = `lease-${randomBytes(4).toString('hex')}`;
    const leader = lease(db.openAnother!({ applicationName }));
    const standby = lease(db.openAnother!());
    expect(await leader.tryAcquire()).toBe(true);
    expect(await standby.tryAcquire()).toBe(false);

    await db.pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    await waitFor(() => leader.signal.aborted, 5000);
    expect(leader.held).toBe(false);
    expect(await standby.tryAcquire()).toBe(true);
  });

  it('is freed by the server when its holder stops answering without closing the connection', async () => {
    // A frozen holder: it never sends its heartbeat.
    const frozen = new ProjectionLease(db.openAnother!(), 'period-stats', { heartbeatMs: 600_000, sessionTimeoutMs: 1000 });
    opened.push(frozen);
    const standby = lease(db.openAnother!());
    expect(await frozen.tryAcquire()).toBe(true);
    expect(await standby.tryAcquire()).toBe(false);
    const since = Date.now();
    await waitFor(() => frozen.signal.aborted, 5000);
    expect(await standby.tryAcquire()).toBe(true);
    expect(Date.now() - since).toBeLessThan(5000);
  });

  it('keeps the lease of a holder that answers well past the session timeout', async () => {
    const holder = new ProjectionLease(db.openAnother!(), 'period-stats', { heartbeatMs: 200, sessionTimeoutMs: 1000 });
    opened.push(holder);
    expect(await holder.tryAcquire()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(holder.held).toBe(true);
    expect(await lease(db.openAnother!()).tryAcquire()).toBe(false);
  });

  it('reports a server that does not answer as an error, not as a lease held elsewhere', async () => {
    const pool = createPgServerPool({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      await expect(new ProjectionLease(pool, 'period-stats').tryAcquire()).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await pool.end();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
