import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { openCpuGroup, type CpuGroup } from './cpu-group.js';

/**
 * Above the default 0: on a shared host the scheduler favours the service over the CLI,
 * whose commands are batch work (a rebuild, a verification of the whole log, an export).
 */
export const CLI_NICENESS = 10;

/** The CPU group the CLI's batch work runs in, where it may have one (see cpu-group.ts). */
export const BATCH_CPU_GROUP = 'danvan-batch';

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
  for (const thread of threads) lowerPriorityOf(Number(thread), niceness);
}

/** Lowers the priority of another process (or thread) to `niceness`, never raising it. */
export function lowerPriorityOf(pid: number, niceness: number): void {
  try {
    if (getPriority(pid) < niceness) setPriority(pid, niceness);
  } catch {
    // One that ended meanwhile, or not ours to change (another user's, without privileges).
  }
}

let batchGroup: CpuGroup | undefined | null = null;
const openedBatchGroup = (): CpuGroup | undefined => (batchGroup === null ? (batchGroup = openCpuGroup(BATCH_CPU_GROUP, CLI_NICENESS)) : batchGroup);

/** Whether this process joined the batch group (yieldCpu). */
let inBatchGroup = false;

/** This process yields the CPU to the service: the CLI's niceness, and its CPU group where it may. */
export function yieldCpu(): void {
  lowerProcessPriority(CLI_NICENESS);
  inBatchGroup = openedBatchGroup()?.admit(process.pid) ?? false;
}

/** Where this process runs, for an admin who wonders why a rebuild is slow on a busy host. */
export function cpuPlacement(): string {
  const niceness = `niceness ${getPriority()}`;
  if (inBatchGroup) return `${niceness}, in the CPU group ${openedBatchGroup()!.path}`;
  if (openedBatchGroup() !== undefined) return `${niceness}, in the CPU group it was started in`;
  return `${niceness}, no CPU group of its own (that needs Linux, root and a cgroup CPU controller)`;
}

/** So does the server process behind one of its sessions, where the server runs on this host. */
export function yieldCpuOfServerProcess(pid: number): void {
  lowerPriorityOf(pid, CLI_NICENESS);
  openedBatchGroup()?.admit(pid);
}
