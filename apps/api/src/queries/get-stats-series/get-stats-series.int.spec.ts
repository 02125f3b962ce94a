import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { totals } from '../testing/expected-totals.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { seedStats, seedUnits, STANDARD_UNITS } from '../testing/seed.js';

describe.each(testBackends())('GET /v1/stats/series on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedUnits(t.dataSource, STANDARD_UNITS);
    await seedStats(t.dataSource, [
      // Quarters are answered from their months (stats-periods.ts).
      ['month:2024-02', 'lam-binh', 'economy', 'models_registered:collective', 1],
      ['month:2024-07', 'ha-giang', 'unclassified', 'awards_granted:bang_khen:individual', 2],
      ['month:2024-08', 'lam-binh', 'economy', 'contribution:road_km', '0.1'],
      ['month:2024-09', 'na-hang', 'other', 'contribution:road_km', '0.2'],
      ['month:2024-09', 'yen-bai', 'economy', 'models_registered:collective', 9],
      ['month:2023-12', 'lam-binh', 'economy', 'models_registered:collective', 99],
      ['year:2022', 'tuyen-quang', 'economy', 'workdays', 12],
      ['year:2025', 'lam-binh', 'economy', 'workdays', 3],
      ['month:2001-01', 'lam-binh', 'economy', 'workdays', 1],
      ['month:2020-12', 'lam-binh', 'economy', 'workdays', 2],
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers each period overlapping the range, in order, with every metric', async () => {
    const response = await t
      .get('/v1/stats/series?unit=tuyen-quang&granularity=quarter&from=2024-02-15&to=2024-08-01')
      .expect(200);
    expect(response.body).toStrictEqual({
      unit: { id: 'tuyen-quang', name: 'Tuyên Quang' },
      granularity: 'quarter',
      from: '2024-02-15',
      to: '2024-08-01',
      series: [
        {
          period: { key: 'quarter:2024-Q1', from: '2024-01-01', to: '2024-03-31' },
          totals: totals({ modelsRegistered: 1, modelsRegisteredCollective: 1 }),
        },
        { period: { key: 'quarter:2024-Q2', from: '2024-04-01', to: '2024-06-30' }, totals: totals() },
        {
          period: { key: 'quarter:2024-Q3', from: '2024-07-01', to: '2024-09-30' },
          totals: totals({
            awardsGranted: 2,
            awardsGrantedIndividual: 2,
            awardsByForm: { bang_khen: 2 },
            contributions: { road_km: 0.3 },
          }),
        },
      ],
    });
  });

  it('answers years in order for a phase-long range', async () => {
    const response = await t
      .get('/v1/stats/series?unit=tuyen-quang&granularity=year&from=2021-01-01&to=2025-12-31')
      .expect(200);
    expect(response.body.series.map((p: { period: { key: string } }) => p.period.key)).toEqual([
      'year:2021', 'year:2022', 'year:2023', 'year:2024', 'year:2025',
    ]);
    expect(response.body.series.map((p: { totals: { workdays: number } }) => p.totals.workdays)).toEqual([0, 12, 0, 0, 3]);
  });

  it('allows 240 periods and refuses more', async () => {
    const longest = await t.get('/v1/stats/series?unit=qk2&granularity=month&from=2001-01-01&to=2020-12-31').expect(200);
    expect(longest.body.series).toHaveLength(240);
    expect(longest.body.series[0].totals.workdays).toBe(1);
    expect(longest.body.series[239].period).toStrictEqual({ key: 'month:2020-12', from: '2020-12-01', to: '2020-12-31' });
    expect(longest.body.series[239].totals.workdays).toBe(2);
    const tooLong = await t.get('/v1/stats/series?unit=qk2&granularity=month&from=2001-01-01&to=2021-01-01').expect(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    expect(tooLong.body.error.details).toEqual([{ field: 'to', message: expect.stringMatching(/241 month periods; at most 240/) }]);
  });

  it.each([
    ['an inverted range', 'unit=qk2&granularity=year&from=2025-01-01&to=2024-01-01', 'to'],
    ['an unknown granularity', 'unit=qk2&granularity=week&from=2024-01-01&to=2024-12-31', 'granularity'],
    ['a date that does not exist', 'unit=qk2&granularity=year&from=2024-02-30&to=2024-12-31', 'from'],
    ['a missing bound', 'unit=qk2&granularity=year&from=2024-01-01', 'to'],
    ['an unknown parameter', 'unit=qk2&granularity=year&from=2024-01-01&to=2024-12-31&period=year:2024', 'period'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_case, query, field) => {
    const response = await t.get(`/v1/stats/series?${query}`).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 404 UNIT_NOT_FOUND and 400 for unknown boundaries', async () => {
    const unknown = await t.get('/v1/stats/series?unit=khong-co&granularity=year&from=2024-01-01&to=2024-12-31').expect(404);
    expect(unknown.body.error.code).toBe('UNIT_NOT_FOUND');
    const asRecorded = await t
      .get('/v1/stats/series?unit=qk2&granularity=year&from=2024-01-01&to=2024-12-31&boundaries=sideways')
      .expect(400);
    expect(asRecorded.body.error.code).toBe('VALIDATION_FAILED');
  });
});
