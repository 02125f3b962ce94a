import 'reflect-metadata';
import { ChainVerifier } from '#event-store';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import {
  ADMIN_ENVELOPE,
  createCommandsTestApp,
  seedModel,
  seedUnit,
  TEST_NOW,
  TEST_TODAY,
  UUID,
  type CommandsTestApp,
} from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/workdays ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'lam-binh');
    await seedUnit(t, 'old-unit');
    await t.post('/v1/units/old-unit/merge', { intoUnitId: 'lam-binh', effectiveOn: '2025-01-01' }).expect(201);
    await seedModel(t, 'm-1', 'lam-binh');
  });

  afterAll(async () => {
    await t?.close();
  });

  it("logs workdays in the unit's ledger: WorkdaysLogged", async () => {
    const body = { entryId: 'wd-1', unitId: 'lam-binh', workdays: 12.5, on: TEST_TODAY, activity: ' Sửa đường ', modelId: 'm-1' };
    const response = await t.post('/v1/workdays', body, { 'X-Request-Id': 'req-wd' }).expect(201);
    const [logged] = await t.readStream('ledger-lam-binh');
    expect(response.body).toEqual({ id: 'wd-1', stream: 'ledger-lam-binh', revision: 0, position: logged!.position.toString() });
    expect(logged!.type).toBe('WorkdaysLogged');
    expect(logged!.data).toEqual({ entryId: 'wd-1', unitId: 'lam-binh', workdays: 12.5, on: TEST_TODAY, activity: 'Sửa đường', modelId: 'm-1' });
    expect(logged!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-wd',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('generates the entry id when left out; omits a blank activity', async () => {
    const response = await t.post('/v1/workdays', { unitId: 'lam-binh', workdays: 1, on: '2024-07-27', activity: '  ' }).expect(201);
    expect(response.body.id).toMatch(UUID);
    const events = await t.readStream('ledger-lam-binh');
    expect(events[events.length - 1]!.data).toEqual({ entryId: response.body.id, unitId: 'lam-binh', workdays: 1, on: '2024-07-27' });
  });

  it('answers 400 for untyped or out-of-range numbers, bad dates and unknown fields; writes nothing', async () => {
    const before = await t.readAll();
    const zero = await t.post('/v1/workdays', { unitId: 'lam-binh', workdays: 0, on: '2024-07-27' }).expect(400);
    expect(zero.body.error.details).toEqual([{ field: 'workdays', message: 'must be a positive number' }]);
    const text = await t.post('/v1/workdays', { unitId: 'lam-binh', workdays: '3', on: '2024-02-30', hours: 8 }).expect(400);
    expect(text.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'workdays', message: 'must be a number conforming to the specified constraints' },
        { field: 'on', message: 'must be a real calendar date YYYY-MM-DD' },
        { field: 'hours', message: 'is not allowed' },
      ]),
    );
    const missing = await t.post('/v1/workdays', {}).expect(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['unitId', 'workdays', 'on']),
    );
    expect(await t.readAll()).toEqual(before);
  });

  it('answers 404 / 409 / 422 from the domain and writes nothing', async () => {
    const before = await t.readAll();
    const ok = { unitId: 'lam-binh', workdays: 1, on: '2024-07-27' };
    expect((await t.post('/v1/workdays', { ...ok, unitId: 'nowhere' }).expect(404)).body.error.code).toBe('UNIT_NOT_FOUND');
    expect((await t.post('/v1/workdays', { ...ok, modelId: 'nowhere' }).expect(404)).body.error.code).toBe('MODEL_NOT_FOUND');
    expect((await t.post('/v1/workdays', { ...ok, entryId: 'wd-1' }).expect(409)).body.error.code).toBe('ENTRY_ALREADY_EXISTS');
    expect((await t.post('/v1/workdays', { ...ok, workdays: 1.255 }).expect(422)).body.error.code).toBe('WORKDAYS_INVALID');
    expect((await t.post('/v1/workdays', { ...ok, on: '2025-06-17' }).expect(422)).body.error.code).toBe('DATE_IN_FUTURE');
    expect((await t.post('/v1/workdays', { ...ok, unitId: 'old-unit' }).expect(422)).body.error.code).toBe('UNIT_MERGED');
    expect(await t.readAll()).toEqual(before);
  });

  it('appends 20 concurrent commands on one ledger through two API instances: all 201, revisions 0..19, no event lost, one unforked hash chain', async () => {
    await seedUnit(t, 'busy-unit');
    // A second instance over the same log: its commands conflict with the first one's and retry.
    const other = await createCommandsTestApp(backend, { database: t.db });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? t : other).post('/v1/workdays', { entryId: `busy-${i}`, unitId: 'busy-unit', workdays: i + 1, on: '2024-07-27' }),
      ),
    ).finally(() => other.close());
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(responses.map((r) => r.body.revision).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    const events = await t.readStream('ledger-busy-unit');
    expect(events.map((e) => Number(e.revision))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(events.map((e) => (e.data as { entryId: string }).entryId).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `busy-${i}`).sort(),
    );
    for (const response of responses) {
      const event = events.find((e) => (e.data as { entryId: string }).entryId === response.body.id);
      expect(response.body).toEqual({ id: response.body.id, stream: 'ledger-busy-unit', revision: Number(event!.revision), position: event!.position.toString() });
    }
    // Each event is chained to the one before it, whichever instance wrote either.
    const verifier = new ChainVerifier();
    for (const event of events) verifier.add(event);
    expect(verifier.report()).toMatchObject({ ok: true, eventsChecked: 20, legacyEvents: 0 });
  });
});
