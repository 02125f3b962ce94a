import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * Calls `found` with the process id of the PostgreSQL server process behind each new
 * session of this pool, where the server runs on this host; elsewhere never. A batch job
 * uses it to make its sessions' server processes yield the CPU to the service's, as its
 * own process does: two load sessions beside the API's queries otherwise share the cores
 * with them as equals.
 */
export function onLocalServerProcess(pool: pg.Pool, found: (pid: number) => void): void {
  pool.on('connect', (client) => {
    const pid = localServerProcessOf(client);
    if (pid !== undefined) found(pid);
  });
}

/** node-postgres keeps the server's process id (sent at start-up for cancel requests) and the session's socket. */
type ClientInternals = { processID?: number; connection?: { stream?: { localPort?: number } } };

function localServerProcessOf(client: pg.PoolClient): number | undefined {
  const { processID: pid, connection } = client as unknown as ClientInternals;
  // A Unix socket has no port to tell our session's process by.
  const localPort = connection?.stream?.localPort;
  if (typeof pid !== 'number' || typeof localPort !== 'number' || !isServerProcessOf(pid, localPort)) return undefined;
  return pid;
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
