import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import {
  ADMIN_ENVELOPE,
  createCommandsTestApp,
  seedModel,
  seedUnit,
  TEST_NOW,
  UUID,
  type CommandsTestApp,
} from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/models/{modelId}/withdrawal ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'lam-binh');
    await seedModel(t, 'm-1', 'lam-binh', '2024-03-15');
    await seedModel(t, 'm-2', 'lam-binh', '2024-03-15');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('withdraws a model: ModelWithdrawn', async () => {
    const response = await t
      .post('/v1/models/m-1/withdrawal', { withdrawnOn: '2025-03-01', reason: ' Không còn duy trì ' }, { 'X-Request-Id': 'req-wd' })
      .expect(201);
    const [, withdrawn] = await t.readStream('model-m-1');
    expect(response.body).toEqual({ id: 'm-1', stream: 'model-m-1', revision: 1, position: withdrawn!.position.toString() });
    expect(withdrawn!.type).toBe('ModelWithdrawn');
    expect(withdrawn!.data).toEqual({ modelId: 'm-1', withdrawnOn: '2025-03-01', reason: 'Không còn duy trì' });
    expect(withdrawn!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-wd',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('answers 400 / 404 / 422 and writes nothing', async () => {
    const before = await t.readAll();
    const invalid = await t.post('/v1/models/m-2/withdrawal', { withdrawnOn: '2025-13-01' }).expect(400);
    expect(invalid.body.error.details).toEqual([
      { field: 'withdrawnOn', message: 'must be a real calendar date YYYY-MM-DD' },
      { field: 'reason', message: 'is required' },
    ]);
    await t.post('/v1/models/-bad/withdrawal', { withdrawnOn: '2025-03-01', reason: 'x' }).expect(400);
    const missing = await t.post('/v1/models/nowhere/withdrawal', { withdrawnOn: '2025-03-01', reason: 'x' }).expect(404);
    expect(missing.body.error.code).toBe('MODEL_NOT_FOUND');
    const again = await t.post('/v1/models/m-1/withdrawal', { withdrawnOn: '2025-03-02', reason: 'x' }).expect(422);
    expect(again.body.error.code).toBe('MODEL_ALREADY_WITHDRAWN');
    const early = await t.post('/v1/models/m-2/withdrawal', { withdrawnOn: '2024-01-01', reason: 'x' }).expect(422);
    expect(early.body.error.code).toBe('DATE_BEFORE_REGISTRATION');
    const recognizeWithdrawn = await t
      .post('/v1/models/m-1/recognitions', { level: 'recognized', recognizedOn: '2025-03-05', byUnitId: 'lam-binh' })
      .expect(422);
    expect(recognizeWithdrawn.body.error.code).toBe('MODEL_WITHDRAWN');
    expect(await t.readAll()).toEqual(before);
  });
});
