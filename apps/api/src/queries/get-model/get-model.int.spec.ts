import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { modelRow, seedModels } from '../testing/seed.js';

describe.each(testBackends())('GET /v1/models/{modelId} on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedModels(t.dataSource, [
      modelRow('m-01', {
        status: 'exemplary',
        holderKind: 'individual',
        holderName: 'Nguyễn Thị Hoa',
        recognizedOn: '2024-05-01',
        recognizedBy: 'tuyen-quang',
        recognitionDecision: null,
        exemplaryOn: '2024-11-20',
        exemplaryBy: 'qk2',
        exemplaryDecision: '88/QĐ-BTL',
        position: '42',
      }),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the model', async () => {
    const response = await t.get('/v1/models/m-01').expect(200);
    expect(response.body).toStrictEqual({
      modelId: 'm-01',
      unitId: 'tuyen-quang',
      title: 'Mô hình m-01',
      field: 'economy',
      holderKind: 'individual',
      holderName: 'Nguyễn Thị Hoa',
      registeredOn: '2024-03-01',
      status: 'exemplary',
      recognizedOn: '2024-05-01',
      recognizedBy: 'tuyen-quang',
      recognitionDecision: null,
      exemplaryOn: '2024-11-20',
      exemplaryBy: 'qk2',
      exemplaryDecision: '88/QĐ-BTL',
      withdrawnOn: null,
      withdrawalReason: null,
      position: '42',
    });
  });

  it('answers 404 MODEL_NOT_FOUND and 400 for a malformed id', async () => {
    const missing = await t.get('/v1/models/m-99').expect(404);
    expect(missing.body.error.code).toBe('MODEL_NOT_FOUND');
    const malformed = await t.get('/v1/models/M_01').expect(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});
