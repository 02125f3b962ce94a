import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildOnce } from './support/server-process.js';

const ROOT = join(import.meta.dirname, '..');
const BUILT_PARAMS = join(ROOT, 'dist/apps/api/src/infrastructure/logging/logger-params.js');

/**
 * On SIGTERM Nest runs the shutdown hooks, then raises the signal again: the process ends
 * without an 'exit' event. Lines logged just before (a projector's "lease released") must
 * reach stdout all the same.
 */
describe('the service log at a signal', () => {
  beforeAll(() => buildOnce(), 120_000);

  it('keeps every line written before the process is killed by a signal', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import pinoHttp from 'pino-http';
         const { loggerParams } = await import(${JSON.stringify(BUILT_PARAMS)});
         const { pinoHttp: params } = loggerParams({ logLevel: 'info' }, { nodeEnv: 'production' });
         const { logger } = Array.isArray(params) ? pinoHttp(...params) : pinoHttp(params);
         // Enough lines that an asynchronous stream is still writing when the signal comes.
         for (let i = 0; i < 2000; i++) logger.info('line ' + i);
         logger.info('last words');
         process.kill(process.pid, 'SIGTERM');`,
      ],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    expect(run.signal).toBe('SIGTERM');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2001);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ level: 30, msg: 'last words' });
  });
});
