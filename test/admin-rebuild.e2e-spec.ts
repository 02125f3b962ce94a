import { testBackends } from '../libs/event-store/src/testing/test-databases.js';
import { startE2eApp, type E2eApp } from './support/e2e-app.js';

async function waitForRebuild(t: E2eApp, rebuildId: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await t.http().get(`/v1/admin/rebuilds/${rebuildId}`).expect(200);
    if (response.body.status !== 'running') return response.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`rebuild ${rebuildId} did not finish`);
}

describe.each(testBackends())('admin: projections and rebuilds over HTTP ($name)', (backend) => {
  let t: E2eApp;

  beforeAll(async () => {
    t = await startE2eApp(backend);
    await t.command('/v1/units', { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province' });
    await t.command('/v1/phases', { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' });
    for (const [on, workdays] of [['2024-03-01', 10], ['2025-07-15', 2.5]] as const) {
      await t.command('/v1/workdays', { unitId: 'tuyen-quang', workdays, on });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('rebuilds period-stats while it keeps answering, with the same statistics and its progress on record', async () => {
    const before = await t.read('/v1/stats?period=phase:2021-2025&unit=tuyen-quang');
    expect([before.status, before.body.totals.workdays]).toEqual([200, 12.5]);

    const started = await t.http().post('/v1/admin/rebuilds').send({ projection: 'period-stats' }).expect(202);
    expect(started.body).toEqual({ rebuildId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const during = await t.read('/v1/stats?period=phase:2021-2025&unit=tuyen-quang');
    expect([during.status, during.body.totals.workdays]).toEqual([200, 12.5]);

    const done = await waitForRebuild(t, started.body.rebuildId);
    expect(done).toMatchObject({ rebuildId: started.body.rebuildId, projection: 'period-stats', version: 2, status: 'done', processed: 4, total: 4 });
    expect(Date.parse(String(done.finishedAt))).toBeGreaterThanOrEqual(Date.parse(String(done.startedAt)));

    await t.command('/v1/workdays', { unitId: 'tuyen-quang', workdays: 1, on: '2023-01-02' });
    const after = await t.read('/v1/stats?period=phase:2021-2025&unit=tuyen-quang');
    expect([after.status, after.body.totals.workdays]).toEqual([200, 13.5]);

    const projections = await t.http().get('/v1/admin/projections').expect(200);
    expect(projections.body).toEqual([{ name: 'period-stats', version: 2, position: expect.stringMatching(/^\d+$/), lag: 0, status: 'following' }]);
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/danvan_projection_lag_events\{projection="period-stats"\} 0/);
  });

  it('refuses an unknown projection (400) and answers 404 for an unknown rebuild', async () => {
    const unknown = await t.http().post('/v1/admin/rebuilds').send({ projection: 'nope' }).expect(400);
    expect(unknown.body.error.details).toEqual([{ field: 'projection', message: 'must be one of: period-stats' }]);
    await t.http().post('/v1/admin/rebuilds').send({}).expect(400);
    const missing = await t.http().get('/v1/admin/rebuilds/6f1b1a3e-5c1f-4c43-9d2a-0a0a0a0a0a0a').expect(404);
    expect(missing.body.error.code).toBe('REBUILD_NOT_FOUND');
    await t.http().get('/v1/admin/rebuilds/not-a-uuid').expect(400);
  });
});
