import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Above the default 0: on a shared host the scheduler favours the service over the CLI,
 * whose commands are batch work (a rebuild, a verification of the whole log, an export).
 */
export const CLI_NICENESS = 10;

/**
 * Lowers the CPU priority of this whole process to `niceness`, never raising it: a process
 * started lower (`nice -n 15 danvan …`) stays there, and without privileges it could not
 * go back up anyway. On Linux a niceness belongs to a thread:
 * `setPriority()` alone leaves at 0 the threads started before it, among them V8's
 * collector threads (~20 % of a core during a rebuild), so each thread of /proc/self/task
 * gets it too. Elsewhere there is no such list, and the main thread's suffices.
 */
export function lowerProcessPriority(niceness: number): void {
  if (getPriority() >= niceness) return;
  setPriority(niceness);
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const thread of threads) {
    try {
      setPriority(Number(thread), niceness);
    } catch {
      // A thread that ended since the listing.
    }
  }
}
