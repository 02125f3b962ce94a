import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { seedPhases } from '../testing/seed.js';

describe.each(testBackends())('GET /v1/phases/{phaseId} on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedPhases(t.dataSource, [
      { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the phase', async () => {
    const response = await t.get('/v1/phases/2021-2025').expect(200);
    expect(response.body).toStrictEqual({
      phaseId: '2021-2025',
      name: 'Giai đoạn 2021-2025',
      startsOn: '2021-01-01',
      endsOn: '2025-12-31',
    });
  });

  it('answers 404 PHASE_NOT_FOUND and 400 for a malformed id', async () => {
    const missing = await t.get('/v1/phases/2030-2035').expect(404);
    expect(missing.body.error.code).toBe('PHASE_NOT_FOUND');
    const malformed = await t.get('/v1/phases/-2030').expect(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});
