import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { modelRow, seedModels, seedUnits, STANDARD_UNITS } from '../testing/seed.js';

const ids = (body: { items: { modelId: string }[] }) => body.items.map((m) => m.modelId);

describe.each(testBackends())('GET /v1/models on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedUnits(t.dataSource, STANDARD_UNITS);
    // Inserted out of order: the list orders by id.
    await seedModels(t.dataSource, [
      modelRow('m-07', { unitId: 'qk3' }),
      modelRow('m-03', { unitId: 'lam-binh', field: 'culture_society' }),
      modelRow('m-01', {
        unitId: 'lam-binh',
        status: 'recognized',
        recognizedOn: '2024-05-01',
        recognizedBy: 'tuyen-quang',
        recognitionDecision: '12/QĐ-UBND',
        position: '9007199254740993',
      }),
      modelRow('m-05', { unitId: 'ha-giang', status: 'withdrawn', withdrawnOn: '2024-09-01', withdrawalReason: 'Trùng lặp' }),
      modelRow('m-02', { unitId: 'yen-bai' }),
      modelRow('m-06', { unitId: 'tuyen-quang', field: 'culture_society', status: 'exemplary' }),
      modelRow('m-04', { unitId: 'na-hang' }),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers items as camelCase records with YYYY-MM-DD dates and decimal-string positions', async () => {
    const response = await t.get('/v1/models?limit=1').expect(200);
    expect(response.body.items).toStrictEqual([
      {
        modelId: 'm-01',
        unitId: 'lam-binh',
        title: 'Mô hình m-01',
        field: 'economy',
        holderKind: 'collective',
        holderName: 'Tập thể m-01',
        registeredOn: '2024-03-01',
        status: 'recognized',
        recognizedOn: '2024-05-01',
        recognizedBy: 'tuyen-quang',
        recognitionDecision: '12/QĐ-UBND',
        exemplaryOn: null,
        exemplaryBy: null,
        exemplaryDecision: null,
        withdrawnOn: null,
        withdrawalReason: null,
        position: '9007199254740993',
      },
    ]);
    expect(typeof response.body.nextCursor).toBe('string');
  });

  it('pages through every model in id order, without duplicates, ending with a null cursor', async () => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? 'limit=3' : `limit=3&cursor=${cursor}`;
      const response = await t.get(`/v1/models?${query}`).expect(200);
      pages.push(ids(response.body));
      cursor = response.body.nextCursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([['m-01', 'm-02', 'm-03'], ['m-04', 'm-05', 'm-06'], ['m-07']]);
    // The same cursor always answers the same page.
    const first = await t.get('/v1/models?limit=3').expect(200);
    const again = await t.get(`/v1/models?limit=3&cursor=${first.body.nextCursor}`).expect(200);
    expect(ids(again.body)).toEqual(['m-04', 'm-05', 'm-06']);
  });

  it("answers a null cursor when the last page is exactly full", async () => {
    const response = await t.get('/v1/models?limit=7').expect(200);
    expect(ids(response.body)).toHaveLength(7);
    expect(response.body.nextCursor).toBeNull();
    const all = await t.get('/v1/models').expect(200);
    expect(ids(all.body)).toHaveLength(7);
  });

  it("filters by the unit's current subtree (merged units included), field and status", async () => {
    const subtree = await t.get('/v1/models?unit=tuyen-quang').expect(200);
    expect(ids(subtree.body)).toEqual(['m-01', 'm-03', 'm-04', 'm-05', 'm-06']);
    const field = await t.get('/v1/models?unit=tuyen-quang&field=culture_society').expect(200);
    expect(ids(field.body)).toEqual(['m-03', 'm-06']);
    const status = await t.get('/v1/models?status=withdrawn').expect(200);
    expect(ids(status.body)).toEqual(['m-05']);
    const paged = await t.get('/v1/models?unit=tuyen-quang&limit=2').expect(200);
    const next = await t.get(`/v1/models?unit=tuyen-quang&limit=2&cursor=${paged.body.nextCursor}`).expect(200);
    expect([...ids(paged.body), ...ids(next.body)]).toEqual(['m-01', 'm-03', 'm-04', 'm-05']);
  });

  it('answers 404 UNIT_NOT_FOUND for an unknown unit filter', async () => {
    const response = await t.get('/v1/models?unit=khong-co').expect(404);
    expect(response.body.error.code).toBe('UNIT_NOT_FOUND');
  });

  it.each([
    ['a malformed cursor', 'cursor=not-a-cursor', 'cursor'],
    ['a cursor of another list', `cursor=${Buffer.from('{"k":"awards","a":"m-01"}').toString('base64url')}`, 'cursor'],
    ['a cursor that is not JSON', `cursor=${Buffer.from('m-01').toString('base64url')}`, 'cursor'],
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit above 200', 'limit=201', 'limit'],
    ['a limit that is not a number', 'limit=ten', 'limit'],
    ['an unknown status', 'status=approved', 'status'],
    ['an unknown parameter', 'sort=title', 'sort'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_case, query, field) => {
    const response = await t.get(`/v1/models?${query}`).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });
});
