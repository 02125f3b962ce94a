import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { ADMIN_ENVELOPE, createCommandsTestApp, seedUnit, TEST_NOW, UUID, type CommandsTestApp } from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/units/{unitId}/merge ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    // qk2 > tuyen-quang > lam-binh > thuong-lam ; qk2 > ha-giang > bac-me
    await seedUnit(t, 'qk2', null, 'military_region');
    await seedUnit(t, 'tuyen-quang', 'qk2', 'province');
    await seedUnit(t, 'lam-binh', 'tuyen-quang');
    await seedUnit(t, 'thuong-lam', 'lam-binh', 'commune');
    await seedUnit(t, 'ha-giang', 'qk2', 'province');
    await seedUnit(t, 'bac-me', 'ha-giang');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('merges a unit on today in Vietnam: UnitMerged with its data and envelope', async () => {
    const response = await t
      .post(
        '/v1/units/ha-giang/merge',
        { intoUnitId: 'tuyen-quang', effectiveOn: '2025-06-16', decisionNo: ' 202/2025/QH15 ' },
        { 'X-Request-Id': 'req-merge' },
      )
      .expect(201);
    const events = await t.readStream('unit-ha-giang');
    const merged = events[1]!;
    expect(response.body).toEqual({ id: 'ha-giang', stream: 'unit-ha-giang', revision: 1, position: merged.position.toString() });
    expect(merged.type).toBe('UnitMerged');
    expect(merged.data).toEqual({
      unitId: 'ha-giang',
      intoUnitId: 'tuyen-quang',
      effectiveOn: '2025-06-16',
      decisionNo: '202/2025/QH15',
    });
    expect(merged.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-merge',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('validates the path id, the body and real dates (400), writing nothing', async () => {
    const before = await t.readAll();
    const badPath = await t.post('/v1/units/Lam_Binh/merge', { intoUnitId: 'qk2', effectiveOn: '2024-01-01' }).expect(400);
    expect(badPath.body.error.details).toEqual([
      { field: 'unitId', message: 'must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$' },
    ]);
    const badBody = await t
      .post('/v1/units/lam-binh/merge', { effectiveOn: '2024-02-30', decisionNo: 7, extra: 1 })
      .expect(400);
    expect(badBody.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'intoUnitId', message: 'is required' },
        { field: 'effectiveOn', message: 'must be a real calendar date YYYY-MM-DD' },
        { field: 'decisionNo', message: 'must be a string' },
        { field: 'extra', message: 'is not allowed' },
      ]),
    );
    expect(await t.readAll()).toEqual(before);
  });

  it('answers 404 for an unknown unit or target and 422 for rules, writing nothing', async () => {
    const before = await t.readAll();
    const unknown = await t.post('/v1/units/nowhere/merge', { intoUnitId: 'qk2', effectiveOn: '2024-01-01' }).expect(404);
    expect(unknown.body.error.code).toBe('UNIT_NOT_FOUND');
    const unknownTarget = await t
      .post('/v1/units/lam-binh/merge', { intoUnitId: 'nowhere', effectiveOn: '2024-01-01' })
      .expect(404);
    expect(unknownTarget.body.error.details).toEqual([{ field: 'intoUnitId', message: 'Unit nowhere does not exist' }]);
    const tomorrow = await t.post('/v1/units/lam-binh/merge', { intoUnitId: 'qk2', effectiveOn: '2025-06-17' }).expect(422);
    expect(tomorrow.body.error.code).toBe('DATE_IN_FUTURE');
    const self = await t.post('/v1/units/lam-binh/merge', { intoUnitId: 'lam-binh', effectiveOn: '2024-01-01' }).expect(422);
    expect(self.body.error.code).toBe('UNIT_MERGE_INTO_SELF');
    expect(await t.readAll()).toEqual(before);
  });

  it('refuses a merge into the own subtree (422 UNIT_MERGE_CYCLE), walking the ancestors up the unit streams', async () => {
    const before = await t.readAll();
    const response = await t
      .post('/v1/units/tuyen-quang/merge', { intoUnitId: 'thuong-lam', effectiveOn: '2024-01-01' })
      .expect(422);
    expect(response.body.error.code).toBe('UNIT_MERGE_CYCLE');
    expect(await t.readAll()).toEqual(before);
  });

  it('follows merges while walking up: a unit merged into X puts its children under X', async () => {
    // ha-giang merged into tuyen-quang (first test): bac-me now lies under tuyen-quang.
    const response = await t
      .post('/v1/units/tuyen-quang/merge', { intoUnitId: 'bac-me', effectiveOn: '2024-01-01' })
      .expect(422);
    expect(response.body.error.code).toBe('UNIT_MERGE_CYCLE');
    await t.post('/v1/units/lam-binh/merge', { intoUnitId: 'bac-me', effectiveOn: '2025-01-01' }).expect(201);
  });

  it('refuses a merged unit and a merged target (422)', async () => {
    const again = await t.post('/v1/units/ha-giang/merge', { intoUnitId: 'qk2', effectiveOn: '2025-06-16' }).expect(422);
    expect(again.body.error.code).toBe('UNIT_ALREADY_MERGED');
    const intoMerged = await t
      .post('/v1/units/thuong-lam/merge', { intoUnitId: 'ha-giang', effectiveOn: '2025-06-16' })
      .expect(422);
    expect(intoMerged.body.error.code).toBe('UNIT_MERGED');
  });
});
