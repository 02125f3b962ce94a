import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { ADMIN_ENVELOPE, createCommandsTestApp, seedUnit, TEST_NOW, UUID, type CommandsTestApp } from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/models ($name)', (backend) => {
  let t: CommandsTestApp;
  const body = {
    unitId: 'lam-binh',
    title: 'Dân vận khéo trong xây dựng nông thôn mới',
    field: 'new_rural',
    holderKind: 'collective',
    holderName: 'Hội Nông dân xã Thượng Lâm',
    registeredOn: '2024-03-15',
  };

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'lam-binh');
    await seedUnit(t, 'old-unit');
    await seedUnit(t, 'new-unit');
    await t.post('/v1/units/old-unit/merge', { intoUnitId: 'new-unit', effectiveOn: '2025-01-01' }).expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('registers a model with its own id: ModelRegistered', async () => {
    const response = await t.post('/v1/models', { ...body, modelId: 'm-thuong-lam' }, { 'X-Request-Id': 'req-model' }).expect(201);
    const [event] = await t.readStream('model-m-thuong-lam');
    expect(response.body).toEqual({ id: 'm-thuong-lam', stream: 'model-m-thuong-lam', revision: 0, position: event!.position.toString() });
    expect(event!.type).toBe('ModelRegistered');
    expect(event!.data).toEqual({ ...body, modelId: 'm-thuong-lam' });
    expect(event!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-model',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('generates a UUID when the body leaves the id out', async () => {
    const response = await t.post('/v1/models', body).expect(201);
    expect(response.body.id).toMatch(UUID);
    expect(response.body.stream).toBe(`model-${response.body.id}`);
    const [event] = await t.readStream(response.body.stream);
    expect(event!.data).toEqual({ ...body, modelId: response.body.id });
  });

  it('answers 400 for malformed input and writes nothing', async () => {
    const before = await t.readAll();
    const response = await t
      .post('/v1/models', { ...body, modelId: 'M 1', holderKind: 'group', registeredOn: '2024-02-30', field: 'Kinh tế', unknown: true })
      .expect(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'modelId', message: 'must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$' },
        { field: 'holderKind', message: 'must be one of: collective, individual' },
        { field: 'registeredOn', message: 'must be a real calendar date YYYY-MM-DD' },
        { field: 'field', message: 'must be a code matching ^[a-z][a-z0-9_]{0,63}$' },
        { field: 'unknown', message: 'is not allowed' },
      ]),
    );
    expect(await t.readAll()).toEqual(before);
  });

  it('answers 404 / 409 / 422 from the domain and writes nothing', async () => {
    const before = await t.readAll();
    expect((await t.post('/v1/models', { ...body, unitId: 'nowhere' }).expect(404)).body.error.code).toBe('UNIT_NOT_FOUND');
    expect((await t.post('/v1/models', { ...body, modelId: 'm-thuong-lam' }).expect(409)).body.error.code).toBe(
      'MODEL_ALREADY_EXISTS',
    );
    expect((await t.post('/v1/models', { ...body, field: 'astrology' }).expect(422)).body.error.code).toBe(
      'MODEL_FIELD_UNKNOWN',
    );
    expect((await t.post('/v1/models', { ...body, registeredOn: '2025-06-17' }).expect(422)).body.error.code).toBe(
      'DATE_IN_FUTURE',
    );
    expect((await t.post('/v1/models', { ...body, unitId: 'old-unit' }).expect(422)).body.error.code).toBe('UNIT_MERGED');
    expect(await t.readAll()).toEqual(before);
  });
});
