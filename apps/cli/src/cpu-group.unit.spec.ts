import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuControllerIn, cpuGroupIn, openCpuGroup, weightOf } from './cpu-group.js';

describe('cpuControllerIn', () => {
  it('finds the v1 hierarchy that holds the cpu controller, even beside a v2 mount', () => {
    const mounts = [
      'tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0',
      'cgroup2 /sys/fs/cgroup/unified cgroup2 rw,nosuid 0 0',
      'cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0',
      'cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0',
    ].join('\n');
    expect(cpuControllerIn(mounts)).toEqual({ version: 1, mount: '/sys/fs/cgroup/cpu' });
    expect(cpuControllerIn('cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0')).toEqual({ version: 1, mount: '/sys/fs/cgroup/cpu,cpuacct' });
  });

  it('takes the unified hierarchy where no v1 one has the controller', () => {
    expect(cpuControllerIn('cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev 0 0\nproc /proc proc rw 0 0')).toEqual({ version: 2, mount: '/sys/fs/cgroup' });
  });

  it('finds none where no cgroup is mounted', () => {
    expect(cpuControllerIn('proc /proc proc rw 0 0\n')).toBeUndefined();
    expect(cpuControllerIn('')).toBeUndefined();
  });
});

describe('cpuGroupIn', () => {
  const procCgroup = ['12:cpuacct:/x', '4:cpu,cpuacct:/user.slice', '1:name=systemd:/', '0::/system.slice/postgresql.service'].join('\n');

  it("reads the process's group in the hierarchy of its version", () => {
    expect(cpuGroupIn(procCgroup, 1)).toBe('/user.slice');
    expect(cpuGroupIn(procCgroup, 2)).toBe('/system.slice/postgresql.service');
    expect(cpuGroupIn('1:cpu:/\n0::/', 1)).toBe('/');
    expect(cpuGroupIn('12:memory:/a', 1)).toBeUndefined();
  });
});

describe('weightOf', () => {
  it("weighs a niceness as the kernel does, 1.25 times less per step", () => {
    expect(weightOf(0, 1)).toBe(1024);
    expect(weightOf(10, 1)).toBe(110);
    expect(weightOf(0, 2)).toBe(100);
    expect(weightOf(10, 2)).toBe(11);
    expect(weightOf(40, 2)).toBe(1);
  });
});

/**
 * The files a group is made of, on a directory laid out like /proc and a cgroup v2 mount.
 * This checks which file gets which value, not the kernel: the real hierarchy is exercised
 * by test/cli-priority.e2e-spec.ts where the tests run as root.
 */
describe('openCpuGroup (on a directory laid out as the kernel does)', () => {
  let root: string;
  let proc: string;
  let mount: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cpu-group-'));
    proc = join(root, 'proc');
    mount = join(root, 'cgroup');
    mkdirSync(join(proc, 'self'), { recursive: true });
    mkdirSync(mount);
    writeFileSync(join(proc, 'self/mounts'), `cgroup2 ${mount} cgroup2 rw 0 0\n`);
    for (const [pid, group] of [[101, '/'], [102, '/system.slice/postgresql.service']] as const) {
      mkdirSync(join(proc, String(pid)));
      writeFileSync(join(proc, String(pid), 'cgroup'), `0::${group}\n`);
    }
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is not opened where the root does not hand the cpu controller down', () => {
    writeFileSync(join(mount, 'cgroup.subtree_control'), 'memory pids\n');
    expect(openCpuGroup('batch', 10, proc)).toBeUndefined();
  });

  it('creates the group with the weight of the niceness, and moves only processes nobody placed', () => {
    writeFileSync(join(mount, 'cgroup.subtree_control'), 'cpu memory\n');
    const group = openCpuGroup('batch', 10, proc)!;
    expect(group.path).toBe(join(mount, 'batch'));
    expect(readFileSync(join(mount, 'batch/cpu.weight'), 'utf8')).toBe('11');
    expect(group.admit(102)).toBe(false);
    expect(group.admit(999)).toBe(false);
    expect(group.admit(101)).toBe(true);
    expect(readFileSync(join(mount, 'batch/cgroup.procs'), 'utf8')).toBe('101');
  });

  it('keeps the weight of a group that exists', () => {
    writeFileSync(join(mount, 'cgroup.subtree_control'), 'cpu\n');
    mkdirSync(join(mount, 'batch'));
    writeFileSync(join(mount, 'batch/cpu.weight'), '50');
    expect(openCpuGroup('batch', 10, proc)?.path).toBe(join(mount, 'batch'));
    expect(readFileSync(join(mount, 'batch/cpu.weight'), 'utf8')).toBe('50');
  });
});
