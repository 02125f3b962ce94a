import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuControllerIn, cpuGroupIn } from '../apps/cli/src/cpu-group.js';
import { BATCH_CPU_GROUP } from '../apps/cli/src/process-priority.js';
import { buildOnce } from './support/server-process.js';

const BUILT_MODULE = join(import.meta.dirname, '..', 'dist/apps/cli/src/process-priority.js');
const BUILT_CLI = join(import.meta.dirname, '..', 'dist/apps/cli/src/main.js');

/** A module that prints, as the process exits, the niceness of each of its threads. */
const NICENESS_AT_EXIT = `data:text/javascript,${encodeURIComponent(
  `import { readdirSync, readFileSync } from 'node:fs';
   process.on('exit', () => process.stderr.write('niceness ' + JSON.stringify(readdirSync('/proc/self/task').map((tid) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16])))));`,
)}`;

/**
 * The CLI lowers its priority so the service's requests go first. On Linux a niceness is a
 * thread's: the collector threads V8 starts with the process must get it too.
 */
(process.platform === 'linux' ? describe : describe.skip)('lowerProcessPriority (Linux)', () => {
  beforeAll(() => buildOnce(), 120_000);

  it('runs every command of the built CLI at niceness 10', () => {
    const run = spawnSync(process.execPath, ['--import', NICENESS_AT_EXIT, BUILT_CLI, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const threads = JSON.parse(/niceness (\[.*\])/.exec(run.stderr)![1]!) as number[];
    expect(threads.length).toBeGreaterThan(1);
    expect(threads).toEqual(threads.map(() => 10));
  });

  it('lowers every thread of the process, those started before it too', () => {
    // In a child process: a niceness, once raised, cannot be lowered back without privileges.
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { readdirSync, readFileSync } from 'node:fs';
         // Field 19 of a thread's stat line, counted after the command's closing parenthesis.
         const niceness = () => readdirSync('/proc/self/task').map((tid) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]));
         const before = niceness();
         const { lowerProcessPriority } = await import(${JSON.stringify(BUILT_MODULE)});
         lowerProcessPriority(7);
         console.log(JSON.stringify({ before, after: niceness() }));`,
      ],
      { encoding: 'utf8' },
    );
    const { before, after } = JSON.parse(output) as { before: number[]; after: number[] };
    expect(before.length).toBeGreaterThan(1);
    expect(before).toEqual(before.map(() => 0));
    expect(after.length).toBeGreaterThanOrEqual(before.length);
    expect(after).toEqual(after.map(() => 7));
  });

  it('never raises the priority of a process started lower', () => {
    const output = execFileSync(
      'nice',
      ['-n', '15', process.execPath, '--input-type=module', '-e', `const { lowerProcessPriority } = await import(${JSON.stringify(BUILT_MODULE)}); lowerProcessPriority(7); console.log((await import('node:os')).getPriority());`],
      { encoding: 'utf8' },
    );
    expect(Number(output)).toBe(15);
  });
});

/** A module that prints, as the process exits, its groups (/proc/self/cgroup). */
const GROUPS_AT_EXIT = `data:text/javascript,${encodeURIComponent(
  `import { readFileSync } from 'node:fs';
   process.on('exit', () => process.stderr.write('groups ' + JSON.stringify(readFileSync('/proc/self/cgroup', 'utf8'))));`,
)}`;

const controller = process.platform === 'linux' ? cpuControllerIn(readFileSync('/proc/self/mounts', 'utf8')) : undefined;
const mayGroup = controller !== undefined && process.getuid?.() === 0;
if (!mayGroup) console.warn('[danvan] CLI CPU group suite NOT RUN: it needs Linux, root and a CPU controller (cgroups)');

/**
 * A niceness weighs a process only against its own scheduling group (its session, with
 * autogroup): the CLI runs in a CPU group of its own weight, unless someone placed it.
 */
(mayGroup ? describe : describe.skip)('the CLI in its CPU group (Linux, root, cgroups)', () => {
  beforeAll(() => buildOnce(), 120_000);

  const cpuGroupAtExit = (stderr: string) => cpuGroupIn(JSON.parse(/groups (".*")/.exec(stderr)![1]!) as string, controller!.version);

  it('runs every command of the built CLI in its CPU group, of the weight of niceness 10', () => {
    const run = spawnSync(process.execPath, ['--import', GROUPS_AT_EXIT, BUILT_CLI, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(cpuGroupAtExit(run.stderr)).toBe(`/${BATCH_CPU_GROUP}`);
    const weight = controller!.version === 1 ? 'cpu.shares' : 'cpu.weight';
    expect(readFileSync(join(controller!.mount, BATCH_CPU_GROUP, weight), 'utf8').trim()).toBe(controller!.version === 1 ? '110' : '11');
  });

  it('leaves a CLI that someone placed in a group where it is', () => {
    const placed = join(controller!.mount, `danvan-test-${randomBytes(4).toString('hex')}`);
    mkdirSync(placed);
    try {
      const run = spawnSync('sh', ['-c', `echo $$ > ${placed}/cgroup.procs && exec "$0" --import "$1" "$2" --version`, process.execPath, GROUPS_AT_EXIT, BUILT_CLI], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(cpuGroupAtExit(run.stderr)).toBe(placed.slice(controller!.mount.length));
    } finally {
      rmdirSync(placed);
    }
  });
});
