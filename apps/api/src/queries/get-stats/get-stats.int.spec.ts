import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { AWARD_FORM_CODES, byField, METRIC_CODES, STATISTICS_FIELDS, totals } from '../testing/expected-totals.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { seedPhases, seedStats, seedUnits, STANDARD_UNITS, type StatSeed } from '../testing/seed.js';

const Y2024 = 'year:2024';

const STATS: StatSeed[] = [
  [Y2024, 'lam-binh', 'economy', 'models_registered:collective', 2],
  [Y2024, 'lam-binh', 'economy', 'models_registered:individual', 1],
  [Y2024, 'lam-binh', 'economy', 'contribution:road_km', '0.1'],
  [Y2024, 'lam-binh', 'economy', 'contribution:funds_vnd', '1500000000'],
  [Y2024, 'tuyen-quang', 'economy', 'models_recognized', 1],
  [Y2024, 'tuyen-quang', 'economy', 'models_exemplary', 1],
  [Y2024, 'tuyen-quang', 'unclassified', 'awards_granted:bang_khen:collective', 1],
  [Y2024, 'tuyen-quang', 'unclassified', 'awards_revoked', 1],
  [Y2024, 'tuyen-quang', 'unclassified', 'workdays', '10.25'],
  // ha-giang merged into tuyen-quang: its history counts there now.
  [Y2024, 'ha-giang', 'culture_society', 'models_registered:individual', 4],
  [Y2024, 'ha-giang', 'culture_society', 'awards_granted:giay_khen:individual', 2],
  [Y2024, 'ha-giang', 'culture_society', 'models_withdrawn', 1],
  [Y2024, 'ha-giang', 'economy', 'contribution:road_km', '0.2'],
  [Y2024, 'ha-giang', 'economy', 'workdays', '4.5'],
  // a sibling, the parent itself, another root, another period: outside tuyen-quang's answer.
  [Y2024, 'yen-bai', 'economy', 'models_registered:collective', 100],
  [Y2024, 'qk2', 'unclassified', 'awards_granted:ky_niem_chuong:individual', 7],
  [Y2024, 'qk3', 'economy', 'models_registered:collective', 1000],
  ['year:2023', 'lam-binh', 'economy', 'models_registered:collective', 50],
  // A phase of partial years is the sum of its months: the months before and after it stay out.
  ['month:2024-09', 'lam-binh', 'economy', 'models_registered:collective', 5],
  ['month:2025-08', 'na-hang', 'new_rural', 'contribution:classrooms', 3],
  ['month:2024-08', 'lam-binh', 'economy', 'models_registered:collective', 600],
  ['month:2025-09', 'na-hang', 'new_rural', 'contribution:classrooms', 700],
];

describe.each(testBackends())('GET /v1/stats on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedUnits(t.dataSource, STANDARD_UNITS);
    await seedPhases(t.dataSource, [
      { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' },
      { phaseId: 'dot-2024-2025', name: 'Đợt thi đua', startsOn: '2024-09-01', endsOn: '2025-08-31' },
    ]);
    await seedStats(t.dataSource, STATS);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("sums a unit's current subtree: descendants and merged units in, siblings and other periods out", async () => {
    const response = await t.get(`/v1/stats?period=${Y2024}&unit=tuyen-quang`).expect(200);
    expect(response.body).toStrictEqual({
      period: { key: 'year:2024', from: '2024-01-01', to: '2024-12-31' },
      unit: { id: 'tuyen-quang', name: 'Tuyên Quang' },
      totals: totals({
        modelsRegistered: 7,
        modelsRegisteredCollective: 2,
        modelsRegisteredIndividual: 5,
        modelsRecognized: 1,
        modelsExemplary: 1,
        modelsWithdrawn: 1,
        awardsGranted: 3,
        awardsGrantedCollective: 1,
        awardsGrantedIndividual: 2,
        awardsRevoked: 1,
        workdays: 14.75,
        awardsByForm: { bang_khen: 1, giay_khen: 2 },
        // 0.1 + 0.2 summed exactly by the database, not as doubles.
        contributions: { road_km: 0.3, funds_vnd: 1500000000 },
      }),
      byField: byField({
        economy: {
          modelsRegistered: 3,
          modelsRegisteredCollective: 2,
          modelsRegisteredIndividual: 1,
          modelsRecognized: 1,
          modelsExemplary: 1,
          workdays: 4.5,
          contributions: { road_km: 0.3, funds_vnd: 1500000000 },
        },
        culture_society: {
          modelsRegistered: 4,
          modelsRegisteredIndividual: 4,
          modelsWithdrawn: 1,
          awardsGranted: 2,
          awardsGrantedIndividual: 2,
          awardsByForm: { giay_khen: 2 },
        },
        unclassified: {
          awardsGranted: 1,
          awardsGrantedCollective: 1,
          awardsRevoked: 1,
          workdays: 10.25,
          awardsByForm: { bang_khen: 1 },
        },
      }),
    });
    expect(Object.keys(response.body.byField)).toEqual(STATISTICS_FIELDS);
    expect(Object.keys(response.body.totals.awardsByForm)).toEqual(AWARD_FORM_CODES);
    expect(Object.keys(response.body.totals.contributions)).toEqual(METRIC_CODES);
  });

  it('counts the parent its own facts plus every descendant, siblings included', async () => {
    const response = await t.get(`/v1/stats?period=${Y2024}&unit=qk2`).expect(200);
    expect(response.body.unit).toStrictEqual({ id: 'qk2', name: 'Quân khu 2' });
    expect(response.body.totals).toStrictEqual(
      totals({
        modelsRegistered: 107,
        modelsRegisteredCollective: 102,
        modelsRegisteredIndividual: 5,
        modelsRecognized: 1,
        modelsExemplary: 1,
        modelsWithdrawn: 1,
        awardsGranted: 10,
        awardsGrantedCollective: 1,
        awardsGrantedIndividual: 9,
        awardsRevoked: 1,
        workdays: 14.75,
        awardsByForm: { bang_khen: 1, giay_khen: 2, ky_niem_chuong: 7 },
        contributions: { road_km: 0.3, funds_vnd: 1500000000 },
      }),
    );
  });

  it('answers a leaf and a merged unit for their own facts', async () => {
    const leaf = await t.get(`/v1/stats?period=${Y2024}&unit=lam-binh`).expect(200);
    expect(leaf.body.totals).toStrictEqual(
      totals({
        modelsRegistered: 3,
        modelsRegisteredCollective: 2,
        modelsRegisteredIndividual: 1,
        contributions: { road_km: 0.1, funds_vnd: 1500000000 },
      }),
    );
    const merged = await t.get(`/v1/stats?period=${Y2024}&unit=ha-giang`).expect(200);
    expect(merged.body.unit).toStrictEqual({ id: 'ha-giang', name: 'Hà Giang' });
    expect(merged.body.totals.modelsRegistered).toBe(4);
    expect(merged.body.totals.contributions.road_km).toBe(0.2);
  });

  it("answers every metric at 0 for a period without facts, with the phase's dates", async () => {
    const empty = await t.get('/v1/stats?period=month:2024-02&unit=qk3').expect(200);
    expect(empty.body).toStrictEqual({
      period: { key: 'month:2024-02', from: '2024-02-01', to: '2024-02-29' },
      unit: { id: 'qk3', name: 'Quân khu 3' },
      totals: totals(),
      byField: byField(),
    });
    const phase = await t.get('/v1/stats?period=phase:dot-2024-2025&unit=tuyen-quang&boundaries=current').expect(200);
    expect(phase.body.period).toStrictEqual({ key: 'phase:dot-2024-2025', from: '2024-09-01', to: '2025-08-31' });
    expect(phase.body.totals).toStrictEqual(
      totals({ modelsRegistered: 5, modelsRegisteredCollective: 5, contributions: { classrooms: 3 } }),
    );
    expect(phase.body.byField.new_rural.contributions.classrooms).toBe(3);
  });

  it('answers a phase of whole years as the sum of its years', async () => {
    const phase = await t.get('/v1/stats?period=phase:2021-2025&unit=tuyen-quang').expect(200);
    expect(phase.body.period).toStrictEqual({ key: 'phase:2021-2025', from: '2021-01-01', to: '2025-12-31' });
    const y2023 = await t.get('/v1/stats?period=year:2023&unit=tuyen-quang').expect(200);
    const y2024 = await t.get(`/v1/stats?period=${Y2024}&unit=tuyen-quang`).expect(200);
    expect(y2023.body.totals.modelsRegistered).toBe(50);
    expect(phase.body.totals.modelsRegistered).toBe(y2023.body.totals.modelsRegistered + y2024.body.totals.modelsRegistered);
    expect(phase.body.totals.workdays).toBe(y2024.body.totals.workdays);
  });

  it('answers 404 for an unknown unit or phase', async () => {
    const unit = await t.get(`/v1/stats?period=${Y2024}&unit=khong-co`).expect(404);
    expect(unit.body.error.code).toBe('UNIT_NOT_FOUND');
    const phase = await t.get('/v1/stats?period=phase:2030-2035&unit=qk2').expect(404);
    expect(phase.body.error.code).toBe('PHASE_NOT_FOUND');
    // Neither known: the period is checked first, whichever look-up the database answers first.
    const neither = await t.get('/v1/stats?period=phase:2030-2035&unit=khong-co').expect(404);
    expect(neither.body.error.code).toBe('PHASE_NOT_FOUND');
  });

  it('answers a unit with nothing in the period with its name and zero totals', async () => {
    const response = await t.get('/v1/stats?period=year:2023&unit=na-hang').expect(200);
    expect(response.body.unit).toStrictEqual({ id: 'na-hang', name: 'Na Hang' });
    expect(response.body.totals).toStrictEqual(totals({}));
    expect(response.body.byField).toStrictEqual(byField());
  });

  it('answers a phase defined after a query that did not find it', async () => {
    expect((await t.get('/v1/stats?period=phase:2026-2030&unit=lam-binh').expect(404)).body.error.code).toBe('PHASE_NOT_FOUND');
    await seedPhases(t.dataSource, [{ phaseId: '2026-2030', startsOn: '2023-01-01', endsOn: '2030-12-31' }]);
    const phase = await t.get('/v1/stats?period=phase:2026-2030&unit=lam-binh').expect(200);
    expect(phase.body.period).toStrictEqual({ key: 'phase:2026-2030', from: '2023-01-01', to: '2030-12-31' });
    const years = await Promise.all(['year:2023', Y2024, 'year:2025'].map((period) => t.get(`/v1/stats?period=${period}&unit=lam-binh`).expect(200)));
    expect(phase.body.totals.modelsRegistered).toBe(years.reduce((sum, year) => sum + year.body.totals.modelsRegistered, 0));
    expect(phase.body.totals.modelsRegistered).toBeGreaterThan(50);
  });

  it.each([
    ['a malformed period key', 'period=year:24&unit=qk2', 'period'],
    ['a month 13', 'period=month:2024-13&unit=qk2', 'period'],
    ['a missing period', 'unit=qk2', 'period'],
    ['a missing unit', 'period=year:2024', 'unit'],
    ['a malformed unit id', 'period=year:2024&unit=Tuyen_Quang', 'unit'],
    ['an unknown parameter', 'period=year:2024&unit=qk2&colour=red', 'colour'],
    ['an unknown boundaries value', 'period=year:2024&unit=qk2&boundaries=historic', 'boundaries'],
    ['a repeated parameter', 'period=year:2024&unit=qk2&unit=qk3', 'unit'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_case, query, field) => {
    const response = await t.get(`/v1/stats?${query}`).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 400 VALIDATION_FAILED for boundaries other than current and as-recorded', async () => {
    const response = await t.get(`/v1/stats?period=${Y2024}&unit=qk2&boundaries=sideways`).expect(400);
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual(['boundaries']);
  });
});
