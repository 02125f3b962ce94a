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

describe.each(testBackends())('POST /v1/models/{modelId}/recognitions ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'tuyen-quang', null, 'province');
    await seedUnit(t, 'lam-binh', 'tuyen-quang');
    await seedModel(t, 'm-1', 'lam-binh', '2024-03-15');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('recognises, then makes exemplary: ModelRecognized twice', async () => {
    const first = await t
      .post('/v1/models/m-1/recognitions', { level: 'recognized', recognizedOn: '2024-06-01', byUnitId: 'tuyen-quang', decisionNo: '24-KH/BDVTU' }, { 'X-Request-Id': 'req-rec' })
      .expect(201);
    expect(first.body).toMatchObject({ id: 'm-1', stream: 'model-m-1', revision: 1 });
    const second = await t
      .post('/v1/models/m-1/recognitions', { level: 'exemplary', recognizedOn: '2024-12-01', byUnitId: 'tuyen-quang' })
      .expect(201);
    expect(second.body).toMatchObject({ revision: 2 });
    const [, recognized, exemplary] = await t.readStream('model-m-1');
    expect(recognized!.type).toBe('ModelRecognized');
    expect(recognized!.data).toEqual({
      modelId: 'm-1',
      level: 'recognized',
      recognizedOn: '2024-06-01',
      byUnitId: 'tuyen-quang',
      decisionNo: '24-KH/BDVTU',
    });
    expect(recognized!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-rec',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
    expect(exemplary!.data).toEqual({ modelId: 'm-1', level: 'exemplary', recognizedOn: '2024-12-01', byUnitId: 'tuyen-quang' });
    expect(second.body.position).toBe(exemplary!.position.toString());
  });

  it('answers 400 / 404 / 422 and writes nothing', async () => {
    await seedModel(t, 'm-2', 'lam-binh', '2024-03-15');
    const before = await t.readAll();
    const badPath = await t.post('/v1/models/M_2/recognitions', { level: 'recognized', recognizedOn: '2024-06-01', byUnitId: 'lam-binh' });
    expect(badPath.status).toBe(400);
    expect(badPath.body.error.details).toEqual([{ field: 'modelId', message: 'must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$' }]);
    const badLevel = await t.post('/v1/models/m-2/recognitions', { level: 'gold', recognizedOn: '2024-06-01', byUnitId: 'lam-binh' }).expect(400);
    expect(badLevel.body.error.details).toEqual([{ field: 'level', message: 'must be one of: recognized, exemplary' }]);
    const missing = await t.post('/v1/models/nowhere/recognitions', { level: 'recognized', recognizedOn: '2024-06-01', byUnitId: 'lam-binh' }).expect(404);
    expect(missing.body.error.code).toBe('MODEL_NOT_FOUND');
    const byNobody = await t.post('/v1/models/m-2/recognitions', { level: 'recognized', recognizedOn: '2024-06-01', byUnitId: 'nobody' }).expect(404);
    expect(byNobody.body.error).toMatchObject({ code: 'UNIT_NOT_FOUND', details: [{ field: 'byUnitId' }] });
    const tooEarly = await t.post('/v1/models/m-2/recognitions', { level: 'exemplary', recognizedOn: '2024-06-01', byUnitId: 'lam-binh' }).expect(422);
    expect(tooEarly.body.error.code).toBe('MODEL_NOT_YET_RECOGNIZED');
    const beforeRegistration = await t.post('/v1/models/m-2/recognitions', { level: 'recognized', recognizedOn: '2024-03-14', byUnitId: 'lam-binh' }).expect(422);
    expect(beforeRegistration.body.error.code).toBe('DATE_BEFORE_REGISTRATION');
    expect(await t.readAll()).toEqual(before);
  });

  it('under 20 concurrent recognitions of one model (two API instances), exactly the valid transitions succeed', async () => {
    await seedModel(t, 'm-race', 'lam-binh', '2024-03-15');
    const other = await createCommandsTestApp(backend, { database: t.db });
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      level: i % 2 === 0 ? 'recognized' : 'exemplary',
      recognizedOn: '2024-06-01',
      byUnitId: 'tuyen-quang',
    }));
    const responses = await Promise.all(
      bodies.map((body, i) => (i < 10 ? t : other).post('/v1/models/m-race/recognitions', body)),
    ).finally(() => other.close());
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 422)).toBe(true);
    const events = await t.readStream('model-m-race');
    const recognitions = events.slice(1);
    // One recognition, at most one exemplary after it; every 201 is one of these events.
    expect(recognitions.map((e) => (e.data as { level: string }).level)).toEqual(
      recognitions.length === 2 ? ['recognized', 'exemplary'] : ['recognized'],
    );
    const succeeded = responses.filter((r) => r.status === 201);
    expect(succeeded).toHaveLength(recognitions.length);
    expect(succeeded.map((r) => r.body.revision).sort()).toEqual(recognitions.map((e) => Number(e.revision)));
    expect(events.map((e) => Number(e.revision))).toEqual(events.map((_, i) => i));
    for (const refused of responses.filter((r) => r.status !== 201)) {
      expect(['MODEL_ALREADY_RECOGNIZED', 'MODEL_NOT_YET_RECOGNIZED', 'MODEL_ALREADY_EXEMPLARY', 'CONCURRENCY_CONFLICT']).toContain(
        refused.body.error.code,
      );
    }
  });
});
