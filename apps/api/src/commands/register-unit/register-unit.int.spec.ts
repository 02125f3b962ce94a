import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { ADMIN_ENVELOPE, createCommandsTestApp, seedUnit, TEST_NOW, UUID, type CommandsTestApp } from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/units ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await t.post('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' }).expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('registers a unit: UnitRegistered with its data and envelope', async () => {
    const response = await t
      .post(
        '/v1/units',
        { unitId: 'tuyen-quang', name: ' Tỉnh Tuyên Quang '.normalize('NFD'), kind: 'province', parentId: 'qk2' },
        { 'X-Request-Id': 'req-register-unit' },
      )
      .expect(201);
    const [event] = await t.readStream('unit-tuyen-quang');
    expect(response.body).toEqual({
      id: 'tuyen-quang',
      stream: 'unit-tuyen-quang',
      revision: 0,
      position: event!.position.toString(),
    });
    expect(typeof response.body.revision).toBe('number');
    expect(response.body.position).toMatch(/^\d+$/);
    expect(event!.type).toBe('UnitRegistered');
    expect(event!.data).toEqual({ unitId: 'tuyen-quang', name: 'Tỉnh Tuyên Quang', kind: 'province', parentId: 'qk2' });
    expect(event!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-register-unit',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
    expect(event!.eventId).toMatch(UUID);
  });

  it('registers a root unit with parentId null', async () => {
    await t.post('/v1/units', { unitId: 'root-2', name: 'Trung ương', kind: 'central', parentId: null }).expect(201);
    const [event] = await t.readStream('unit-root-2');
    expect(event!.data).toEqual({ unitId: 'root-2', name: 'Trung ương', kind: 'central', parentId: null });
  });

  it('answers 400 with field details for a missing field, an unknown field, a bad kind and a bad id', async () => {
    const before = await t.readAll();
    const response = await t.post('/v1/units', { unitId: 'Bad Id', kind: 'county', colour: 'red' }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'unitId', message: 'must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$' },
        { field: 'name', message: 'is required' },
        { field: 'kind', message: expect.stringMatching(/^must be one of: central, military_region/) },
        { field: 'colour', message: 'is not allowed' },
      ]),
    );
    expect(await t.readAll()).toEqual(before);
  });

  it('answers 404 for an unknown parent, 409 for a second registration, and writes nothing', async () => {
    const before = await t.readAll();
    const notFound = await t
      .post('/v1/units', { unitId: 'orphan', name: 'Mồ côi', kind: 'district', parentId: 'nowhere' })
      .expect(404);
    expect(notFound.body.error).toEqual({
      code: 'PARENT_UNIT_NOT_FOUND',
      message: 'Parent unit nowhere does not exist',
      details: [{ field: 'parentId', message: 'Parent unit nowhere does not exist' }],
    });
    const conflict = await t.post('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' }).expect(409);
    expect(conflict.body.error.code).toBe('UNIT_ALREADY_EXISTS');
    expect(await t.readAll()).toEqual(before);
  });

  it('answers 400 for a blank name and writes nothing', async () => {
    const before = await t.readAll();
    const response = await t.post('/v1/units', { unitId: 'blank', name: '   ', kind: 'district', parentId: 'qk2' }).expect(400);
    expect(response.body.error.details).toEqual([{ field: 'name', message: 'must not be blank' }]);
    expect(await t.readAll()).toEqual(before);
  });

  it('answers 422 UNIT_MERGED under a merged parent and writes nothing', async () => {
    await seedUnit(t, 'ha-giang', 'qk2', 'province');
    await t.post('/v1/units/ha-giang/merge', { intoUnitId: 'tuyen-quang', effectiveOn: '2025-07-01' }).expect(422);
    await t.post('/v1/units/ha-giang/merge', { intoUnitId: 'tuyen-quang', effectiveOn: '2025-06-16' }).expect(201);
    const before = await t.readAll();
    const response = await t
      .post('/v1/units', { unitId: 'bac-quang', name: 'Huyện Bắc Quang', kind: 'district', parentId: 'ha-giang' })
      .expect(422);
    expect(response.body.error).toMatchObject({ code: 'UNIT_MERGED', details: [{ field: 'parentId', message: expect.any(String) }] });
    expect(await t.readAll()).toEqual(before);
  });
});
