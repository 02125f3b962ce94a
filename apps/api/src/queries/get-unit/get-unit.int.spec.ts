import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { seedUnits, STANDARD_UNITS } from '../testing/seed.js';

describe.each(testBackends())('GET /v1/units/{unitId} on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedUnits(t.dataSource, STANDARD_UNITS);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers a unit with its current children in id order, merged units included', async () => {
    const response = await t.get('/v1/units/tuyen-quang').expect(200);
    expect(response.body).toStrictEqual({
      id: 'tuyen-quang',
      name: 'Tuyên Quang',
      kind: 'province',
      parentId: 'qk2',
      mergedInto: null,
      mergedOn: null,
      children: ['ha-giang', 'lam-binh', 'na-hang'],
    });
  });

  it('answers a merged unit with where and when it merged', async () => {
    const response = await t.get('/v1/units/ha-giang').expect(200);
    expect(response.body).toStrictEqual({
      id: 'ha-giang',
      name: 'Hà Giang',
      kind: 'province',
      parentId: 'tuyen-quang',
      mergedInto: 'tuyen-quang',
      mergedOn: '2025-07-01',
      children: [],
    });
  });

  it('answers a root with a null parent', async () => {
    const response = await t.get('/v1/units/qk2?consistentWith=0').expect(200);
    expect(response.body.parentId).toBeNull();
    expect(response.body.children).toEqual(['tuyen-quang', 'yen-bai']);
  });

  it('answers 404 UNIT_NOT_FOUND, and 400 for a malformed id or an unknown parameter', async () => {
    const missing = await t.get('/v1/units/khong-co').expect(404);
    expect(missing.body.error.code).toBe('UNIT_NOT_FOUND');
    const malformed = await t.get('/v1/units/Tuyen_Quang').expect(400);
    expect(malformed.body.error.details).toEqual([{ field: 'unitId', message: expect.any(String) }]);
    const unknownParam = await t.get('/v1/units/qk2?depth=2').expect(400);
    expect(unknownParam.body.error.details).toEqual([{ field: 'depth', message: 'is not allowed' }]);
  });
});
