import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildOnce } from './support/server-process.js';

const BUILT_MODULE = join(import.meta.dirname, '..', 'dist/apps/cli/src/process-priority.js');

/**
 * `danvan rebuild` lowers its priority so the service's requests go first. On Linux a
 * niceness is a thread's: the collector threads V8 starts with the process must get it too.
 */
(process.platform === 'linux' ? describe : describe.skip)('lowerProcessPriority (Linux)', () => {
  beforeAll(() => buildOnce(), 120_000);

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
});
