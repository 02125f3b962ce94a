import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
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
