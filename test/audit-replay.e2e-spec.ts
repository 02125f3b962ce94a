import { randomUUID } from 'node:crypto';
import type { PostgresEventStore } from '#event-store';
import { authHeader } from '../apps/api/src/auth/testing/test-tokens.js';
import { testBackends } from '../libs/event-store/src/testing/test-databases.js';
import { startE2eApp, type E2eApp } from './support/e2e-app.js';

/**
 * Auditors replaying the award history from the log: what was in force on a date, and
 * the export of every award event with its metadata, for a unit subtree and a date range.
 */
const grant = (awardId: string, recipientUnitId: string, decidedOn: string, recipientName = `Nguyễn Văn ${awardId}`) => ({
  awardId, recipientKind: 'individual', recipientName, recipientUnitId, form: 'giay_khen',
  issuerUnitId: 'qk2', decisionNo: `${awardId}/QĐ-BTL`, decidedOn, movement: 'dan_van_kheo',
});

describe.each(testBackends())('audit replay on $name', (backend) => {
  let t: E2eApp;
  const auditor = (path: string) => t.http().get(path).set(authHeader('auditor'));

  beforeAll(async () => {
    t = await startE2eApp(backend);
    await t.command('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' });
    await t.command('/v1/units', { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', parentId: 'qk2' });
    await t.command('/v1/units', { unitId: 'ha-noi', name: 'Hà Nội', kind: 'province' });
    await t.command('/v1/awards', grant('a1', 'tuyen-quang', '2024-03-01', 'Hội Phụ nữ xã "Hồng Quang", thôn 3'));
    await t.command('/v1/awards', grant('a2', 'tuyen-quang', '2024-08-01'));
    await t.command('/v1/awards', grant('a3', 'ha-noi', '2024-01-15', '=HYPERLINK("http://x")'));
    await t.command('/v1/awards/a1/revocation', { revokedOn: '2024-09-01', decisionNo: '20/QĐ-BTL', reason: 'Hồ sơ khai sai' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const idsInForce = async (query: string) => {
    const { body } = await auditor(`/v1/audit/awards?${query}`).expect(200);
    expect(body.count).toBe(body.awards.length);
    return (body.awards as { awardId: string }[]).map((award) => award.awardId).sort();
  };

  it('keeps an award revoked after the date in force on it, and leaves out one decided after it', async () => {
    expect(await idsInForce('asOf=2024-06-30&unit=qk2')).toEqual(['a1']);
    expect(await idsInForce('asOf=2024-08-31&unit=qk2')).toEqual(['a1', 'a2']);
    expect(await idsInForce('asOf=2024-09-01&unit=qk2')).toEqual(['a2']);
    expect(await idsInForce('asOf=2024-06-30')).toEqual(['a1', 'a3']);
    expect(await idsInForce('asOf=2023-12-31')).toEqual([]);
  });

  it('answers each award with who recorded the grant', async () => {
    const { body } = await auditor('/v1/audit/awards?asOf=2024-06-30&unit=tuyen-quang').expect(200);
    expect(body).toMatchObject({ asOf: '2024-06-30', unit: 'tuyen-quang', count: 1 });
    expect(body.awards[0]).toMatchObject({ awardId: 'a1', recipientUnitId: 'tuyen-quang', decidedOn: '2024-03-01', grantedBy: 'test-admin', position: expect.stringMatching(/^\d+$/) });
  });

  it('reads a stream whole, or as it stood at the end of a day', async () => {
    const { body } = await auditor('/v1/audit/streams/award-a1').expect(200);
    expect(body.map((event: { type: string }) => event.type)).toEqual(['AwardGranted', 'AwardRevoked']);
    expect(body[1]).toMatchObject({ stream: 'award-a1', revision: 1, position: expect.stringMatching(/^\d+$/), metadata: { actor: 'test-admin', hash: expect.any(String) } });
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await auditor(`/v1/audit/streams/award-a1?asOf=${today}`).expect(200)).body).toHaveLength(2);
    const { body: before } = await auditor('/v1/audit/streams/award-a1?asOf=2020-01-01').expect(404);
    expect(before.error.code).toBe('STREAM_NOT_FOUND');
    await auditor('/v1/audit/streams/Not%20A%20Stream').expect(400);
  });

  it('refuses a malformed date with a field message', async () => {
    const { body } = await auditor('/v1/audit/awards?asOf=2024-02-30').expect(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'asOf' })]);
    await auditor('/v1/audit/export?format=xlsx').expect(400);
    await auditor('/v1/audit/awards?asOf=2024-06-30&colour=red').expect(400);
    // Like every GET, consistentWith is accepted; the log needs no waiting for.
    await auditor('/v1/audit/awards?asOf=2024-06-30&consistentWith=99999').expect(200);
    await auditor('/v1/audit/verify?consistentWith=1').expect(200);
  });

  it('exports the subtree’s award events in log order as JSON Lines, metadata and hashes included', async () => {
    const response = await auditor('/v1/audit/export?unit=qk2&from=2024-01-01&to=2024-12-31&format=jsonl').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = response.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.map((line) => `${line.type} ${line.data.awardId}`)).toEqual(['AwardGranted a1', 'AwardGranted a2', 'AwardRevoked a1']);
    expect(lines[2]!.data.reason).toBe('Hồ sơ khai sai');
    expect(lines[2]!.metadata).toMatchObject({ actor: 'test-admin', actorRole: 'admin', route: 'POST /v1/awards/:awardId/revocation', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('filters by business date: a revocation in range without its grant', async () => {
    const response = await auditor('/v1/audit/export?unit=tuyen-quang&from=2024-08-15').expect(200);
    expect(response.text.trim().split('\n').map((line) => JSON.parse(line).type)).toEqual(['AwardRevoked']);
  });

  it('exports CSV with quoted fields and formulas defused', async () => {
    const response = await auditor('/v1/audit/export?format=csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = response.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toMatch(/^position,stream,revision,eventId,type,awardId,.*metadata\.actor,.*metadata\.hash$/);
    expect(rows).toHaveLength(4);
    expect(rows.find((row) => row.includes(',a1,'))).toContain('"Hội Phụ nữ xã ""Hồng Quang"", thôn 3"');
    expect(rows.find((row) => row.includes(',a3,'))).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  if (backend.name === 'pglite') {
    it('streams an export longer than a page of the log scan', async () => {
      const events = Array.from({ length: 6000 }, (_, i) => ({
        streamName: `award-bulk-${i}`,
        event: { eventId: randomUUID(), type: 'AwardGranted', data: grant(`bulk-${i}`, 'tuyen-quang', '2023-05-01'), metadata: { actor: 'import', schemaVersion: 1 } },
      }));
      await (t.store as PostgresEventStore).importEvents(events);
      const response = await auditor('/v1/audit/export?unit=qk2&to=2023-12-31').expect(200);
      expect(response.text.trim().split('\n')).toHaveLength(6000);
      expect(await idsInForce('asOf=2023-06-01&unit=tuyen-quang')).toHaveLength(6000);
    }, 60_000);
  }
});
