import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import {
  ADMIN_ENVELOPE,
  createCommandsTestApp,
  seedUnit,
  seedWorkdays,
  TEST_NOW,
  UUID,
  type CommandsTestApp,
} from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/entries/{entryId}/void ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'lam-binh');
    await seedUnit(t, 'tuyen-quang');
    await seedWorkdays(t, 'lam-binh', 'wd-1');
    await seedWorkdays(t, 'lam-binh', 'wd-2');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('voids an entry: EntryVoided', async () => {
    const response = await t.post('/v1/entries/wd-1/void', { unitId: 'lam-binh', reason: 'Nhập trùng' }, { 'X-Request-Id': 'req-void' }).expect(201);
    const [, , voided] = await t.readStream('ledger-lam-binh');
    expect(response.body).toEqual({ id: 'wd-1', stream: 'ledger-lam-binh', revision: 2, position: voided!.position.toString() });
    expect(voided!.type).toBe('EntryVoided');
    expect(voided!.data).toEqual({ entryId: 'wd-1', reason: 'Nhập trùng' });
    expect(voided!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-void',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('still voids after the unit merged (a correction of history)', async () => {
    await t.post('/v1/units/lam-binh/merge', { intoUnitId: 'tuyen-quang', effectiveOn: '2025-01-01' }).expect(201);
    await t.post('/v1/entries/wd-2/void', { unitId: 'lam-binh', reason: 'Sai số liệu' }).expect(201);
  });

  it('answers 400 / 404 / 422 and writes nothing', async () => {
    const before = await t.readAll();
    const invalid = await t.post('/v1/entries/wd-1/void', { unitId: 'Lâm Bình' }).expect(400);
    expect(invalid.body.error.details).toEqual([
      { field: 'unitId', message: 'must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$' },
      { field: 'reason', message: 'is required' },
    ]);
    const badPath = await t.post('/v1/entries/x/void', { unitId: 'lam-binh', reason: 'x' }).expect(400);
    expect(badPath.body.error.details).toEqual([{ field: 'entryId', message: 'must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$' }]);
    const missing = await t.post('/v1/entries/wd-9/void', { unitId: 'lam-binh', reason: 'x' }).expect(404);
    expect(missing.body.error.code).toBe('ENTRY_NOT_FOUND');
    const otherLedger = await t.post('/v1/entries/wd-2/void', { unitId: 'tuyen-quang', reason: 'x' }).expect(404);
    expect(otherLedger.body.error.code).toBe('ENTRY_NOT_FOUND');
    const again = await t.post('/v1/entries/wd-1/void', { unitId: 'lam-binh', reason: 'x' }).expect(422);
    expect(again.body.error.code).toBe('ENTRY_ALREADY_VOIDED');
    expect(await t.readAll()).toEqual(before);
  });
});
