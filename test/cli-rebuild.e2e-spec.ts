import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, freePort, runCli, ServerProcess } from './support/server-process.js';

/**
 * `npx danvan rebuild` on the embedded stores: the data directory belongs to one process at
 * a time, so the CLI runs while the server is stopped (a running embedded server rebuilds
 * through POST /v1/admin/rebuilds instead) and says so when it is not.
 */
describe('danvan rebuild on the embedded stores', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    buildOnce();
    dataDir = await mkdtemp(join(tmpdir(), 'danvan-cli-'));
    server = new ServerProcess({ PORT: String(await freePort()), DATA_DIR: dataDir });
  }, 120_000);

  afterAll(async () => {
    await server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown) =>
    server.fetch(`${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('rebuilds the statistics to the same figures, and refuses a data directory in use', async () => {
    await server.start();
    expect((await post('/v1/units', { unitId: 'na-hang', name: 'Na Hang', kind: 'commune' })).status).toBe(201);
    const logged = await post('/v1/workdays', { unitId: 'na-hang', workdays: 4.5, on: '2024-06-30' });
    const { position } = (await logged.json()) as { position: string };
    const before = await server.fetch(`/v1/stats?period=half:2024-H1&unit=na-hang&consistentWith=${position}`);
    expect(((await before.json()) as { totals: { workdays: number } }).totals.workdays).toBe(4.5);

    const refused = runCli(['rebuild'], { DATA_DIR: dataDir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^danvan: .*DATA_DIR/m);

    await server.kill('SIGTERM');
    const rebuilt = runCli(['rebuild', '--batch', '1'], { DATA_DIR: dataDir });
    expect(rebuilt.stdout).toMatch(/^rebuild [0-9a-f-]{36} of period-stats done: 2 events in [\d.]+ s \(\d+ events\/s, peak RSS \d+ MB\), tables swapped in$/m);
    expect(rebuilt.status).toBe(0);
    // Where it runs (cli-priority.e2e-spec.ts checks that it is so).
    expect(rebuilt.stderr).toMatch(/^danvan: rebuilding at niceness 10, (in the CPU group \/.*danvan-batch|no CPU group of its own)/m);

    await server.start();
    const after = await server.fetch(`/v1/stats?period=half:2024-H1&unit=na-hang&consistentWith=${position}`);
    expect(((await after.json()) as { totals: { workdays: number } }).totals.workdays).toBe(4.5);
  }, 120_000);
});
