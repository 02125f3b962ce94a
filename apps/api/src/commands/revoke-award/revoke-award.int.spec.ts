import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { ADMIN_ENVELOPE, createCommandsTestApp, seedUnit, TEST_NOW, UUID, type CommandsTestApp } from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/awards/{awardId}/revocation ($name)', (backend) => {
  let t: CommandsTestApp;
  const grant = {
    awardId: 'a-1',
    recipientKind: 'collective',
    recipientName: 'Hội Phụ nữ xã Thượng Lâm',
    recipientUnitId: 'lam-binh',
    form: 'giay_khen',
    issuerUnitId: 'lam-binh',
    decisionNo: '15/QĐ-UBND',
    decidedOn: '2024-05-19',
    movement: 'don_vi_dan_van_tot',
  };
  const revocation = { revokedOn: '2024-09-01', decisionNo: ' 88/QĐ-UBND', reason: 'Khai man thành tích' };

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'lam-binh');
    await t.post('/v1/awards', grant).expect(201);
    await t.post('/v1/awards', { ...grant, awardId: 'a-2', decisionNo: '16/QĐ-UBND' }).expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('revokes an award: AwardRevoked', async () => {
    const response = await t.post('/v1/awards/a-1/revocation', revocation, { 'X-Request-Id': 'req-revoke' }).expect(201);
    const [, revoked] = await t.readStream('award-a-1');
    expect(response.body).toEqual({ id: 'a-1', stream: 'award-a-1', revision: 1, position: revoked!.position.toString() });
    expect(revoked!.type).toBe('AwardRevoked');
    expect(revoked!.data).toEqual({ awardId: 'a-1', revokedOn: '2024-09-01', decisionNo: '88/QĐ-UBND', reason: 'Khai man thành tích' });
    expect(revoked!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-revoke',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('answers 400 / 404 / 409 / 422 and writes nothing', async () => {
    const before = await t.readAll();
    const invalid = await t.post('/v1/awards/a-2/revocation', { revokedOn: '2024-9-1', reason: '' }).expect(400);
    expect(invalid.body.error.details).toEqual([
      { field: 'revokedOn', message: 'must be a real calendar date YYYY-MM-DD' },
      { field: 'decisionNo', message: 'is required' },
      { field: 'reason', message: 'must not be blank' },
    ]);
    await t.post('/v1/awards/a%20b/revocation', revocation).expect(400);
    expect((await t.post('/v1/awards/nowhere/revocation', revocation).expect(404)).body.error.code).toBe('AWARD_NOT_FOUND');
    expect((await t.post('/v1/awards/a-1/revocation', revocation).expect(422)).body.error.code).toBe('AWARD_ALREADY_REVOKED');
    const early = { ...revocation, revokedOn: '2024-05-18' };
    expect((await t.post('/v1/awards/a-2/revocation', early).expect(422)).body.error.code).toBe('REVOCATION_BEFORE_DECISION');
    // A revoked award still holds its key: the annulled decision cannot grant it again.
    expect((await t.post('/v1/awards', { ...grant, awardId: 'a-1-again' }).expect(409)).body.error.code).toBe('AWARD_DUPLICATE');
    expect(await t.readAll()).toEqual(before);
  });
});
