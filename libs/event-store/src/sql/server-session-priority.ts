import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type pg from 'pg';

/**
 * Gives the server process behind a new session of this pool a lower CPU priority, where
 * the PostgreSQL server runs on this host and this process may change it (as root, or as
 * the server's own user); elsewhere it does nothing. A batch job's sessions (a rebuild's
 * COPY, key builds and ANALYZE) then yield the CPU to the service's sessions, as the job's
 * own process does: two load sessions beside the API's queries otherwise share the cores
 * with them as equals.
 */
export function lowerServerSessionPriority(pool: pg.Pool, niceness: number): void {
  pool.on('connect', (client) => lowerSessionPriority(client, niceness));
}

/** node-postgres keeps the server's process id (sent at start-up for cancel requests) and the session's socket. */
type ClientInternals = { processID?: number; connection?: { stream?: { localPort?: number } } };

function lowerSessionPriority(client: pg.PoolClient, niceness: number): void {
  const { processID: pid, connection } = client as unknown as ClientInternals;
  // A Unix socket has no port to tell our session's process by.
  const localPort = connection?.stream?.localPort;
  if (typeof pid !== 'number' || typeof localPort !== 'number' || !isServerProcessOf(pid, localPort)) return;
  try {
    if (getPriority(pid) < niceness) setPriority(pid, niceness);
  } catch {
    // Not ours to change (another user's process, without privileges).
  }
}

/**
 * Whether the local process `pid` is the PostgreSQL backend of our session: its title
 * ("postgres: … 127.0.0.1(54321) …") names our socket's port. A server on another host
 * may hand out a pid that some unrelated process has here.
 */
function isServerProcessOf(pid: number, localPort: number): boolean {
  let title: string;
  try {
    title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  return title.startsWith('postgres') && title.includes(`(${localPort})`);
}
