import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, type QueryTestApp } from '../testing/query-test-app.js';
import { awardRow, seedAwards, seedUnits, STANDARD_UNITS } from '../testing/seed.js';

const ids = (body: { items: { awardId: string }[] }) => body.items.map((a) => a.awardId);

describe.each(testBackends())('GET /v1/awards on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedUnits(t.dataSource, STANDARD_UNITS);
    await seedAwards(t.dataSource, [
      awardRow('a-06', { recipientName: 'Nhóm 100% tình nguyện', recipientKind: 'collective', recipientUnitId: 'qk2' }),
      awardRow('a-01', { recipientName: 'NGUYỄN VĂN AN', recipientUnitId: 'lam-binh', decidedOn: '2024-01-15' }),
      awardRow('a-02', {
        recipientName: 'Nguyễn Thị Bình',
        recipientUnitId: 'ha-giang',
        form: 'giay_khen',
        decidedOn: '2024-06-30',
      }),
      awardRow('a-03', {
        recipientName: 'Hội Phụ nữ xã Lăng Can',
        recipientKind: 'collective',
        recipientUnitId: 'tuyen-quang',
        form: 'co_thi_dua',
        decidedOn: '2023-12-31',
        status: 'revoked',
        revokedOn: '2024-02-01',
        revocationDecisionNo: '15/QĐ-UBND',
        revocationReason: 'Hồ sơ không đúng',
      }),
      awardRow('a-04', { recipientName: 'Trần Văn Đức', recipientUnitId: 'yen-bai', decidedOn: '2024-03-01' }),
      awardRow('a-05', { recipientName: 'ĐOÀN THANH NIÊN', recipientKind: 'collective', recipientUnitId: 'qk3', decidedOn: '2025-01-01' }),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const list = async (query: string): Promise<string[]> => ids((await t.get(`/v1/awards?${query}`).expect(200)).body);

  it('matches a part of the recipient name case-insensitively, Vietnamese letters included', async () => {
    expect(await list(`recipient=${encodeURIComponent('nguyễn')}`)).toEqual(['a-01', 'a-02']);
    expect(await list(`recipient=${encodeURIComponent('ĐỨC')}`)).toEqual(['a-04']);
    expect(await list(`recipient=${encodeURIComponent('đoàn thanh')}`)).toEqual(['a-05']);
    // The same text typed in decomposed form (NFD) finds the NFC name.
    expect(await list(`recipient=${encodeURIComponent('Nguyễn'.normalize('NFD'))}`)).toEqual(['a-01', 'a-02']);
    // LIKE wildcards are plain characters.
    expect(await list(`recipient=${encodeURIComponent('%')}`)).toEqual(['a-06']);
    expect(await list(`recipient=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it("filters by the recipient unit's current subtree, form and decision dates (inclusive)", async () => {
    expect(await list('unit=tuyen-quang')).toEqual(['a-01', 'a-02', 'a-03']);
    expect(await list('form=bang_khen')).toEqual(['a-01', 'a-04', 'a-05', 'a-06']);
    expect(await list('from=2024-01-15&to=2024-06-30')).toEqual(['a-01', 'a-02', 'a-04', 'a-06']);
    expect(await list('unit=tuyen-quang&from=2024-01-16')).toEqual(['a-02']);
    expect(await list('to=2023-12-31')).toEqual(['a-03']);
  });

  it('pages in id order without duplicates', async () => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? 'limit=2' : `limit=2&cursor=${cursor}`;
      const response = await t.get(`/v1/awards?${query}`).expect(200);
      pages.push(ids(response.body));
      cursor = response.body.nextCursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([['a-01', 'a-02'], ['a-03', 'a-04'], ['a-05', 'a-06']]);
  });

  it('answers revoked awards with their revocation', async () => {
    const response = await t.get('/v1/awards?unit=tuyen-quang&form=co_thi_dua').expect(200);
    expect(response.body).toStrictEqual({
      items: [
        {
          awardId: 'a-03',
          recipientKind: 'collective',
          recipientName: 'Hội Phụ nữ xã Lăng Can',
          recipientUnitId: 'tuyen-quang',
          form: 'co_thi_dua',
          issuerUnitId: 'qk2',
          decisionNo: '1290/QĐ-BTL',
          decidedOn: '2023-12-31',
          movement: 'dan_van_kheo',
          modelId: null,
          field: 'unclassified',
          status: 'revoked',
          revokedOn: '2024-02-01',
          revocationDecisionNo: '15/QĐ-UBND',
          revocationReason: 'Hồ sơ không đúng',
          position: '1',
        },
      ],
      nextCursor: null,
    });
  });

  it('answers 404 UNIT_NOT_FOUND for an unknown unit filter', async () => {
    const response = await t.get('/v1/awards?unit=khong-co').expect(404);
    expect(response.body.error.code).toBe('UNIT_NOT_FOUND');
  });

  it.each([
    ['an unknown form', 'form=huan_chuong', 'form'],
    ['a date that does not exist', 'from=2024-13-01', 'from'],
    ['an inverted date range', 'from=2024-06-01&to=2024-05-31', 'to'],
    ['a blank recipient', 'recipient=%20%20', 'recipient'],
    ['a cursor of the models list', `cursor=${Buffer.from('{"k":"models","a":"a-01"}').toString('base64url')}`, 'cursor'],
    ['an unknown parameter', 'issuer=qk2', 'issuer'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_case, query, field) => {
    const response = await t.get(`/v1/awards?${query}`).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });
});
