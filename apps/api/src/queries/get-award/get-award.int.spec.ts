import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { awardRow, seedAwards } from '../testing/seed.js';

describe.each(testBackends())('GET /v1/awards/{awardId} on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedAwards(t.dataSource, [
      awardRow('0b9d6c1e-8f0a-4c7e-9d1b-2a3c4d5e6f70', {
        recipientName: 'Nguyễn Văn An',
        modelId: 'm-01',
        field: 'economy',
        movement: 'don_vi_dan_van_tot',
        position: '77',
      }),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the award (a generated UUID id is a valid id)', async () => {
    const response = await t.get('/v1/awards/0b9d6c1e-8f0a-4c7e-9d1b-2a3c4d5e6f70').expect(200);
    expect(response.body).toStrictEqual({
      awardId: '0b9d6c1e-8f0a-4c7e-9d1b-2a3c4d5e6f70',
      recipientKind: 'individual',
      recipientName: 'Nguyễn Văn An',
      recipientUnitId: 'tuyen-quang',
      form: 'bang_khen',
      issuerUnitId: 'qk2',
      decisionNo: '1290/QĐ-BTL',
      decidedOn: '2024-06-30',
      movement: 'don_vi_dan_van_tot',
      modelId: 'm-01',
      field: 'economy',
      status: 'granted',
      revokedOn: null,
      revocationDecisionNo: null,
      revocationReason: null,
      position: '77',
    });
  });

  it('answers 404 AWARD_NOT_FOUND and 400 for a malformed id', async () => {
    const missing = await t.get('/v1/awards/a-99').expect(404);
    expect(missing.body.error.code).toBe('AWARD_NOT_FOUND');
    const malformed = await t.get('/v1/awards/A').expect(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});
