import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { ADMIN_ENVELOPE, createCommandsTestApp, seedUnit, TEST_NOW, UUID, type CommandsTestApp } from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/contributions ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'lam-binh');
  });

  afterAll(async () => {
    await t?.close();
  });

  it("records a contribution in the unit's ledger: ContributionRecorded", async () => {
    const body = { entryId: 'c-1', unitId: 'lam-binh', metric: 'road_km', quantity: 2.5, on: '2024-07-27', note: 'Đường bê tông' };
    const response = await t.post('/v1/contributions', body, { 'X-Request-Id': 'req-c' }).expect(201);
    const [recorded] = await t.readStream('ledger-lam-binh');
    expect(response.body).toEqual({ id: 'c-1', stream: 'ledger-lam-binh', revision: 0, position: recorded!.position.toString() });
    expect(recorded!.type).toBe('ContributionRecorded');
    expect(recorded!.data).toEqual(body);
    expect(recorded!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-c',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('records zero and large whole VND amounts, generating the entry id', async () => {
    const zero = await t.post('/v1/contributions', { unitId: 'lam-binh', metric: 'gifts', quantity: 0, on: '2024-07-27' }).expect(201);
    expect(zero.body.id).toMatch(UUID);
    await t.post('/v1/contributions', { unitId: 'lam-binh', metric: 'funds_vnd', quantity: 1_250_000_000_000, on: '2024-07-27' }).expect(201);
  });

  it('answers 400 / 404 / 409 / 422 and writes nothing', async () => {
    const before = await t.readAll();
    const ok = { unitId: 'lam-binh', metric: 'classrooms', quantity: 3, on: '2024-07-27' };
    const negative = await t.post('/v1/contributions', { ...ok, quantity: -1, metric: 'Phòng học' }).expect(400);
    expect(negative.body.error.details).toEqual([
      { field: 'metric', message: 'must be a code matching ^[a-z][a-z0-9_]{0,63}$' },
      { field: 'quantity', message: 'must not be less than 0' },
    ]);
    expect((await t.post('/v1/contributions', { ...ok, unitId: 'nowhere' }).expect(404)).body.error.code).toBe('UNIT_NOT_FOUND');
    expect((await t.post('/v1/contributions', { ...ok, entryId: 'c-1' }).expect(409)).body.error.code).toBe('ENTRY_ALREADY_EXISTS');
    expect((await t.post('/v1/contributions', { ...ok, metric: 'kittens' }).expect(422)).body.error.code).toBe('METRIC_UNKNOWN');
    expect((await t.post('/v1/contributions', { ...ok, quantity: 1.5 }).expect(422)).body.error.code).toBe('QUANTITY_NOT_WHOLE');
    expect(await t.readAll()).toEqual(before);
  });
});
