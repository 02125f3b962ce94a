import { verifyEventLog } from '#event-store';
import { authHeader } from '../apps/api/src/auth/testing/test-tokens.js';
import { testBackends, type TestBackend } from '../libs/event-store/src/testing/test-databases.js';
import { startE2eApp, type E2eApp } from './support/e2e-app.js';

/**
 * Tampering with the stored log directly in the database — altering, deleting and
 * reordering events behind the API's back — and GET /v1/audit/verify naming the stream
 * and the revision. Each case starts from the same history written through the API.
 */
const LEDGER = 'ledger-tuyen-quang';

async function history(backend: TestBackend): Promise<E2eApp> {
  const t = await startE2eApp(backend);
  await t.command('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' });
  await t.command('/v1/units', { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', parentId: 'qk2' });
  for (const [i, workdays] of [5, 7, 9, 11].entries()) {
    await t.command('/v1/workdays', { entryId: `w${i}`, unitId: 'tuyen-quang', workdays, on: '2024-07-27' });
  }
  await t.command('/v1/awards', {
    awardId: 'a1', recipientKind: 'individual', recipientName: 'Nguyễn Thị Hoa', recipientUnitId: 'tuyen-quang', form: 'giay_khen',
    issuerUnitId: 'qk2', decisionNo: '15/QĐ-BTL', decidedOn: '2024-07-01', movement: 'dan_van_kheo',
  });
  await t.command('/v1/awards/a1/revocation', { revokedOn: '2024-09-01', decisionNo: '20/QĐ-BTL', reason: 'Hồ sơ khai sai' });
  return t;
}

describe.each(testBackends())('tamper evidence on $name', (backend) => {
  let t: E2eApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const verify = async () => {
    const response = await t!.http().get('/v1/audit/verify').set(authHeader('auditor')).expect(200);
    return response.body as { ok: boolean; streamsChecked: number; eventsChecked: number; firstBroken?: { stream: string; revision: string; reason: string } };
  };
  const sql = (text: string, params: unknown[] = []) => t!.db.pool.query(text, params);

  it('finds an untouched log whole: every stream and event checked', async () => {
    t = await history(backend);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, legacyEvents: 0, brokenStreams: 0 });
    expect(report.eventsChecked).toBe((await t.readLog()).length);
    expect(report.streamsChecked).toBe(new Set((await t.readLog()).map((e) => e.streamName)).size);
    expect(report.firstBroken).toBeUndefined();
  });

  it('names the stream and revision of an event whose data was altered', async () => {
    t = await history(backend);
    await sql(`UPDATE es_events SET data = jsonb_set(data, '{workdays}', '200') WHERE stream_name = $1 AND stream_revision = 1`, [LEDGER]);
    expect(await verify()).toMatchObject({ ok: false, brokenStreams: 1, firstBroken: { stream: LEDGER, revision: '1' } });
  });

  it('names an event whose recorded actor was rewritten', async () => {
    t = await history(backend);
    await sql(`UPDATE es_events SET metadata = jsonb_set(metadata, '{actor}', '"someone-else"') WHERE stream_name = 'award-a1' AND stream_revision = 1`);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { stream: 'award-a1', revision: '1' } });
  });

  it('names the revision of a deleted event', async () => {
    t = await history(backend);
    await sql(`DELETE FROM es_events WHERE stream_name = $1 AND stream_revision = 2`, [LEDGER]);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { stream: LEDGER, revision: '2', reason: expect.stringMatching(/missing/) } });
  });

  it('names the first of two events whose revisions were swapped', async () => {
    t = await history(backend);
    await sql(`UPDATE es_events SET stream_revision = -1 WHERE stream_name = $1 AND stream_revision = 1`, [LEDGER]);
    await sql(`UPDATE es_events SET stream_revision = 1 WHERE stream_name = $1 AND stream_revision = 2`, [LEDGER]);
    await sql(`UPDATE es_events SET stream_revision = 2 WHERE stream_name = $1 AND stream_revision = -1`, [LEDGER]);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { stream: LEDGER, revision: '1' } });
  });

  it('cannot see the last events of a stream or a whole stream deleted: heads anchored before can', async () => {
    t = await history(backend);
    const { verifier } = await verifyEventLog(t.store);
    const heads = [...verifier.currentHeads()];
    await sql(`DELETE FROM es_events WHERE stream_name = $1 AND stream_revision = 3`, [LEDGER]);
    await sql(`DELETE FROM es_events WHERE stream_name = 'award-a1'`);
    expect((await verify()).ok).toBe(true);
    const anchored = (await verifyEventLog(t.store, heads)).report;
    expect(anchored).toMatchObject({ ok: false, brokenStreams: 2 });
    expect(anchored.firstBroken?.stream).toMatch(/^(ledger-tuyen-quang|award-a1)$/);
  });
});
