import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Linux's CPU controller (cgroups), and a group of low weight for batch work in it.
 *
 * Why a niceness is not enough: a niceness weighs a process only against the processes of
 * its own scheduling group. Processes that nobody placed in a CPU group (the root one) are
 * scheduled by session ("autogroup", on by default on many kernels): the CLI in the
 * admin's shell, the API in its own session, the PostgreSQL server's processes in the
 * server's. Each session then gets an equal share, whatever its processes' niceness, and a
 * rebuild at niceness 10 slows the service's queries about as much as one at 0. A group
 * of its own, with the weight of its niceness, weighs the batch against everything else.
 */
export interface CpuController {
  /** cgroup v1 (a hierarchy with the cpu controller) or v2 (the unified hierarchy). */
  readonly version: 1 | 2;
  /** Where the hierarchy is mounted. */
  readonly mount: string;
}

/** The CPU controller's hierarchy, from the text of /proc/self/mounts; undefined if none is mounted. */
export function cpuControllerIn(mounts: string): CpuController | undefined {
  let unified: CpuController | undefined;
  for (const line of mounts.split('\n')) {
    const [, mount, type, options] = line.split(' ');
    if (mount === undefined) continue;
    if (type === 'cgroup' && options?.split(',').includes('cpu')) return { version: 1, mount };
    if (type === 'cgroup2') unified ??= { version: 2, mount };
  }
  // A v1 cpu hierarchy, where there is one, holds the controller even beside a v2 mount.
  return unified;
}

/** A process's group in the CPU controller's hierarchy, from the text of /proc/<pid>/cgroup. */
export function cpuGroupIn(procCgroup: string, version: 1 | 2): string | undefined {
  for (const line of procCgroup.split('\n')) {
    const [id, controllers, ...path] = line.split(':');
    if (path.length === 0) continue;
    const matches = version === 1 ? controllers!.split(',').includes('cpu') : id === '0' && controllers === '';
    if (matches) return path.join(':');
  }
  return undefined;
}

/** The group's CPU weight, as the kernel weighs a niceness: ×1.25 per step, 1024 at 0 (cgroup v1), 100 (v2). */
export function weightOf(niceness: number, version: 1 | 2): number {
  return Math.max(version === 1 ? 2 : 1, Math.round((version === 1 ? 1024 : 100) / 1.25 ** niceness));
}

export interface CpuGroup {
  /** The group's directory. */
  readonly path: string;
  /**
   * Moves the process `pid` (all its threads) into the group, if it is in the root group:
   * a process someone placed in a group (a systemd unit, `systemd-run`, a container) stays
   * where they put it. Whether it moved.
   */
  admit(pid: number): boolean;
}

const readable = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** A CLI that cannot set a group up runs on without it: a failed clean-up must not end it either. */
const removeEmptyGroup = (path: string): void => {
  try {
    rmdirSync(path);
  } catch {
    // Left at the default weight: the operator may remove it.
  }
};

/**
 * Opens the group `name` at the top of the CPU controller's hierarchy, creating it with the
 * weight of `niceness`; an existing group keeps the weight it has (an operator may have
 * changed it). Undefined where there is no such hierarchy, or this process may not create
 * a group in it or move processes (it needs root).
 */
export function openCpuGroup(name: string, niceness: number, proc = '/proc'): CpuGroup | undefined {
  const controller = cpuControllerIn(readable(`${proc}/self/mounts`) ?? '');
  if (controller === undefined) return undefined;
  // In v2 a group has the cpu controller only where its parent hands it down.
  if (controller.version === 2 && !(readable(join(controller.mount, 'cgroup.subtree_control')) ?? '').split(/\s+/).includes('cpu')) return undefined;
  const path = join(controller.mount, name);
  let created: string | undefined;
  try {
    created = mkdirSync(path, { recursive: true });
    if (created !== undefined) writeFileSync(join(path, controller.version === 1 ? 'cpu.shares' : 'cpu.weight'), String(weightOf(niceness, controller.version)));
  } catch {
    // Not left behind at the default weight, which a later run would keep.
    if (created !== undefined) removeEmptyGroup(path);
    return undefined;
  }
  return {
    path,
    admit(pid) {
      if (cpuGroupIn(readable(`${proc}/${pid}/cgroup`) ?? '', controller.version) !== '/') return false;
      try {
        writeFileSync(join(path, 'cgroup.procs'), String(pid));
        return true;
      } catch {
        return false;
      }
    },
  };
}
