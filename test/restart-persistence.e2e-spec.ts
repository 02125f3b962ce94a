import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, freePort, ServerProcess } from './support/server-process.js';

/**
 * The embedded default as a user runs it: the built server on PGlite under DATA_DIR,
 * stopped politely or killed with SIGKILL right after a 201, then started again.
 */
describe('embedded server: restart persistence', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    buildOnce();
    dataDir = await mkdtemp(join(tmpdir(), 'danvan-e2e-'));
    server = new ServerProcess({ PORT: String(await freePort()), DATA_DIR: dataDir });
  }, 120_000);

  afterAll(async () => {
    await server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await server.fetch(`${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const get = async (path: string) => {
    const response = await server.fetch(`${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('keeps every event and statistic across a SIGTERM and a SIGKILL right after a 201', async () => {
    await server.start();
    expect((await post('/v1/units', { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province' })).status).toBe(201);
    expect((await post('/v1/units', { unitId: 'lam-binh', name: 'Lâm Bình', kind: 'commune', parentId: 'tuyen-quang' })).status).toBe(201);
    const first = await post('/v1/workdays', { unitId: 'lam-binh', workdays: 12, on: '2025-03-15' });
    expect(first.status).toBe(201);
    await server.kill('SIGTERM');

    await server.start();
    const afterStop = await get(`/v1/stats?period=year:2025&unit=tuyen-quang&consistentWith=${first.body.position as string}`);
    expect(afterStop.status).toBe(200);
    expect((afterStop.body.totals as Record<string, number>).workdays).toBe(12);

    const second = await post('/v1/workdays', { unitId: 'lam-binh', workdays: 30, on: '2025-04-01' });
    expect(second.status).toBe(201);
    await server.kill('SIGKILL');

    await server.start();
    const afterKill = await get(`/v1/stats?period=year:2025&unit=tuyen-quang&consistentWith=${second.body.position as string}`);
    expect(afterKill.status).toBe(200);
    expect((afterKill.body.totals as Record<string, number>).workdays).toBe(42);
    const unit = await get('/v1/units/tuyen-quang');
    expect(unit.body).toMatchObject({ id: 'tuyen-quang', name: 'Tuyên Quang', children: ['lam-binh'] });
  }, 120_000);

  it('refuses to start with an invalid configuration, naming the variable', async () => {
    const bad = new ServerProcess({ PORT: 'not-a-port', DATA_DIR: dataDir });
    await expect(bad.start(10_000)).rejects.toThrow(/PORT must be an integer/);
  }, 30_000);
});

describe('embedded server: one process per data directory', () => {
  it('refuses a second server on a data directory in use, and starts once it is free', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'danvan-e2e-lock-'));
    const first = new ServerProcess({ PORT: String(await freePort()), DATA_DIR: dataDir });
    const second = new ServerProcess({ PORT: String(await freePort()), DATA_DIR: dataDir });
    try {
      await first.start();
      await expect(second.start(15_000)).rejects.toThrow(/in use by process/);
      await first.kill('SIGKILL');
      await second.start();
    } finally {
      await first.kill('SIGKILL');
      await second.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
