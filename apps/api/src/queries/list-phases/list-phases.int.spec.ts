import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { seedPhases } from '../testing/seed.js';

describe.each(testBackends())('GET /v1/phases on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers an empty list before any phase is defined', async () => {
    const response = await t.get('/v1/phases').expect(200);
    expect(response.body).toStrictEqual({ items: [] });
  });

  it('lists phases by start date, then id', async () => {
    await seedPhases(t.dataSource, [
      { phaseId: '2025-2030', name: 'Giai đoạn 2025-2030', startsOn: '2025-01-01', endsOn: '2030-12-31' },
      { phaseId: 'b-2021', name: 'B', startsOn: '2021-01-01', endsOn: '2021-12-31' },
      { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' },
      { phaseId: '2016-2020', name: 'Giai đoạn 2016-2020', startsOn: '2016-01-01', endsOn: '2020-12-31' },
    ]);
    const response = await t.get('/v1/phases').expect(200);
    expect(response.body).toStrictEqual({
      items: [
        { phaseId: '2016-2020', name: 'Giai đoạn 2016-2020', startsOn: '2016-01-01', endsOn: '2020-12-31' },
        { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' },
        { phaseId: 'b-2021', name: 'B', startsOn: '2021-01-01', endsOn: '2021-12-31' },
        { phaseId: '2025-2030', name: 'Giai đoạn 2025-2030', startsOn: '2025-01-01', endsOn: '2030-12-31' },
      ],
    });
  });

  it('refuses unknown parameters', async () => {
    const response = await t.get('/v1/phases?year=2024').expect(400);
    expect(response.body.error.details).toEqual([{ field: 'year', message: 'is not allowed' }]);
  });
});
