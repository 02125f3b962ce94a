import { testBackends } from '../libs/event-store/src/testing/test-databases.js';
import { startE2eApp, type E2eApp } from './support/e2e-app.js';

/**
 * One history through HTTP — a unit tree with a merge, models through every state, awards
 * granted and revoked, workdays and contributions with a void, two overlapping phases (the
 * second defined after the facts) — and its statistics, worked out by hand in the comments.
 */
interface Totals {
  readonly [metric: string]: unknown;
  readonly modelsRegistered: number;
  readonly modelsRecognized: number;
  readonly modelsExemplary: number;
  readonly modelsWithdrawn: number;
  readonly workdays: number;
  readonly awardsByForm: Record<string, number>;
  readonly contributions: Record<string, number>;
}

describe.each(testBackends())('statistics end to end on $name', (backend) => {
  let t: E2eApp;

  beforeAll(async () => {
    t = await startE2eApp(backend);
    const unit = (unitId: string, name: string, kind: string, parentId?: string) =>
      t.command('/v1/units', { unitId, name, kind, ...(parentId ? { parentId } : {}) });
    await unit('qk2', 'Quân khu 2', 'military_region');
    await unit('tuyen-quang', 'Tuyên Quang', 'province', 'qk2');
    await unit('lam-binh', 'Lâm Bình', 'commune', 'tuyen-quang');
    await unit('ha-giang', 'Hà Giang', 'province', 'qk2');
    await unit('yen-bai', 'Yên Bái', 'province', 'qk2');
    await t.command('/v1/phases', { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' });

    await t.command('/v1/models', { modelId: 'm1', unitId: 'lam-binh', title: 'Dân vận khéo trong xây dựng nông thôn mới', field: 'economy', holderKind: 'collective', holderName: 'Hội Phụ nữ xã', registeredOn: '2024-03-10' });
    await t.command('/v1/models/m1/recognitions', { level: 'recognized', recognizedOn: '2024-06-01', byUnitId: 'tuyen-quang', decisionNo: '12/QĐ-UBND' });
    await t.command('/v1/models/m1/recognitions', { level: 'exemplary', recognizedOn: '2025-02-01', byUnitId: 'tuyen-quang' });
    await t.command('/v1/models/m1/withdrawal', { withdrawnOn: '2025-09-01', reason: 'Không còn duy trì' });
    await t.command('/v1/models', { modelId: 'm2', unitId: 'ha-giang', title: 'Mô hình cá nhân', field: 'culture_society', holderKind: 'individual', holderName: 'Nguyễn Văn An', registeredOn: '2025-03-01' });

    await t.command('/v1/awards', { awardId: 'a1', recipientKind: 'collective', recipientName: 'Hội Phụ nữ xã', recipientUnitId: 'lam-binh', form: 'bang_khen', issuerUnitId: 'tuyen-quang', decisionNo: '24-KH/BDVTU', decidedOn: '2024-07-01', movement: 'dan_van_kheo', modelId: 'm1' });
    await t.command('/v1/awards', { awardId: 'a2', recipientKind: 'individual', recipientName: 'Nguyễn Văn An', recipientUnitId: 'ha-giang', form: 'giay_khen', issuerUnitId: 'ha-giang', decisionNo: '1290/QĐ-UBND', decidedOn: '2025-05-05', movement: 'dan_van_kheo' });

    await t.command('/v1/workdays', { entryId: 'w1', unitId: 'lam-binh', workdays: 10, on: '2024-02-02', modelId: 'm1', activity: 'Làm đường' });
    await t.command('/v1/workdays', { entryId: 'w2', unitId: 'ha-giang', workdays: 5, on: '2025-04-04' });
    await t.command('/v1/contributions', { entryId: 'c1', unitId: 'lam-binh', metric: 'road_km', quantity: 2.5, on: '2025-09-09' });
    await t.command('/v1/contributions', { entryId: 'c2', unitId: 'lam-binh', metric: 'funds_vnd', quantity: 1000000, on: '2024-02-02' });
    await t.command('/v1/entries/c2/void', { unitId: 'lam-binh', reason: 'Nhập trùng' });

    await t.command('/v1/units/ha-giang/merge', { intoUnitId: 'tuyen-quang', effectiveOn: '2025-07-01', decisionNo: '202/2025/QH15' });
    // Recorded after the merge: counts under tuyen-quang even as recorded.
    await t.command('/v1/awards/a2/revocation', { revokedOn: '2025-10-10', decisionNo: '99/QĐ-UBND', reason: 'Sai đối tượng' });
    // Defined after every fact it covers.
    await t.command('/v1/phases', { phaseId: '2025-2030', name: 'Giai đoạn 2025-2030', startsOn: '2025-01-01', endsOn: '2030-12-31' });
  }, 120_000);

  afterAll(async () => t.close());

  const totals = async (query: string) => {
    const response = await t.read(`/v1/stats?${query}`);
    expect(response.status).toBe(200);
    return response.body.totals as Totals;
  };

  it('sums the whole tree over phase 2021-2025, every metric present', async () => {
    const response = await t.read('/v1/stats?period=phase:2021-2025&unit=qk2');
    expect(response.body.period).toEqual({ key: 'phase:2021-2025', from: '2021-01-01', to: '2025-12-31' });
    expect(response.body.unit).toEqual({ id: 'qk2', name: 'Quân khu 2' });
    const { awardsByForm, contributions, ...counts } = response.body.totals;
    expect(counts).toEqual({
      modelsRegistered: 2,
      modelsRegisteredCollective: 1,
      modelsRegisteredIndividual: 1,
      modelsRecognized: 1,
      modelsExemplary: 1,
      modelsWithdrawn: 1,
      awardsGranted: 1, // a2 was revoked: it leaves the period it was granted in
      awardsGrantedCollective: 1,
      awardsGrantedIndividual: 0,
      awardsRevoked: 1,
      workdays: 15,
    });
    expect(awardsByForm).toEqual({ bang_khen: 1, giay_khen: 0, ky_niem_chuong: 0, chien_si_thi_dua: 0, co_thi_dua: 0, other: 0 });
    expect(contributions.road_km).toBe(2.5);
    expect(contributions.funds_vnd).toBe(0); // voided
    expect(Object.keys(contributions)).toHaveLength(16);
    expect(response.body.byField.economy).toMatchObject({ modelsRegistered: 1, modelsRecognized: 1, modelsExemplary: 1, modelsWithdrawn: 1, awardsGranted: 1, workdays: 10 });
    expect(response.body.byField.culture_society).toMatchObject({ modelsRegisteredIndividual: 1, workdays: 0 });
    expect(response.body.byField.unclassified).toMatchObject({ workdays: 5, awardsRevoked: 1, modelsRegistered: 0 });
    expect(response.body.byField.unclassified.contributions.road_km).toBe(2.5);
  });

  it('counts facts recorded before a phase was defined in that phase, and overlapping phases each count 2025', async () => {
    expect(await totals('period=phase:2025-2030&unit=tuyen-quang')).toMatchObject({
      modelsRegistered: 1, // m2 at ha-giang, now under tuyen-quang
      modelsExemplary: 1,
      modelsWithdrawn: 1,
      awardsGranted: 0,
      awardsRevoked: 1,
      workdays: 5,
    });
  });

  it('answers the as-recorded tree: ha-giang facts from before its merge stay outside tuyen-quang', async () => {
    const asRecorded = await totals('period=phase:2025-2030&unit=tuyen-quang&boundaries=as-recorded');
    expect(asRecorded).toMatchObject({ modelsRegistered: 0, modelsExemplary: 1, modelsWithdrawn: 1, awardsRevoked: 1, workdays: 0 });
    expect(asRecorded.contributions.road_km).toBe(2.5);
    expect(await totals('period=phase:2025-2030&unit=qk2&boundaries=as-recorded')).toMatchObject({ modelsRegistered: 1, workdays: 5 });
  });

  it('answers years, halves, quarters and months, for a unit and for its parent', async () => {
    expect(await totals('period=year:2024&unit=lam-binh')).toMatchObject({ modelsRegistered: 1, modelsRecognized: 1, awardsGranted: 1, workdays: 10 });
    expect(await totals('period=half:2025-H1&unit=qk2')).toMatchObject({ modelsRegistered: 1, modelsExemplary: 1, awardsGranted: 0, workdays: 5 });
    const q3 = await totals('period=quarter:2025-Q3&unit=tuyen-quang');
    expect(q3).toMatchObject({ modelsWithdrawn: 1, modelsRegistered: 0 });
    expect(q3.contributions.road_km).toBe(2.5);
    const february = await totals('period=month:2024-02&unit=qk2');
    expect(february).toMatchObject({ workdays: 10 });
    expect(february.contributions.funds_vnd).toBe(0);
    expect(await totals('period=phase:2021-2025&unit=yen-bai')).toMatchObject({ modelsRegistered: 0, workdays: 0, awardsGranted: 0 });
  });

  it('answers a yearly series in order', async () => {
    const response = await t.read('/v1/stats/series?unit=qk2&granularity=year&from=2024-01-01&to=2025-12-31');
    expect(response.status).toBe(200);
    expect(response.body.series.map((point: { period: { key: string } }) => point.period.key)).toEqual(['year:2024', 'year:2025']);
    expect(response.body.series[0].totals).toMatchObject({ modelsRegistered: 1, modelsRecognized: 1, awardsGranted: 1, workdays: 10 });
    expect(response.body.series[1].totals).toMatchObject({ modelsRegistered: 1, modelsExemplary: 1, modelsWithdrawn: 1, awardsRevoked: 1, workdays: 5 });
  });

  it('shows the merge in the unit tree and the states in the lists', async () => {
    const haGiang = await t.read('/v1/units/ha-giang');
    expect(haGiang.body).toMatchObject({ id: 'ha-giang', mergedInto: 'tuyen-quang', parentId: 'tuyen-quang' });
    const tuyenQuang = await t.read('/v1/units/tuyen-quang');
    expect([...tuyenQuang.body.children].sort()).toEqual(['ha-giang', 'lam-binh']);
    const m1 = await t.read('/v1/models/m1');
    expect(m1.body).toMatchObject({ modelId: 'm1', status: 'withdrawn', recognizedOn: '2024-06-01', exemplaryOn: '2025-02-01', withdrawnOn: '2025-09-01' });
    const withdrawn = await t.read('/v1/models?unit=qk2&status=withdrawn');
    expect(withdrawn.body.items.map((m: { modelId: string }) => m.modelId)).toEqual(['m1']);
    const a2 = await t.read('/v1/awards/a2');
    expect(a2.body).toMatchObject({ status: 'revoked', revokedOn: '2025-10-10' });
    const phases = await t.read('/v1/phases');
    expect(phases.body.items.map((p: { phaseId: string }) => p.phaseId)).toEqual(['2021-2025', '2025-2030']);
  });

  it('keeps one model stream consistent under 20 concurrent commands, and counts exactly what was accepted', async () => {
    await t.command('/v1/models', { modelId: 'busy', unitId: 'yen-bai', title: 'Mô hình', field: 'new_rural', holderKind: 'collective', holderName: 'Đoàn Thanh niên', registeredOn: '2024-01-05' });
    const bodies = Array.from({ length: 20 }, (_, i) =>
      i % 3 === 0
        ? { path: '/v1/models/busy/withdrawal', body: { withdrawnOn: '2024-12-01', reason: `Lý do ${i}` } }
        : { path: '/v1/models/busy/recognitions', body: { level: i % 3 === 1 ? 'recognized' : 'exemplary', recognizedOn: '2024-06-01', byUnitId: 'yen-bai' } },
    );
    const responses = await Promise.all(bodies.map(({ path, body }) => t.http().post(path).send(body)));
    for (const response of responses) expect([201, 409, 422]).toContain(response.status);
    const accepted = responses.filter((r) => r.status === 201);
    for (const response of accepted) await t.http().get(`/v1/models/busy?consistentWith=${response.body.position}`).expect(200);
    const stream = await t.store.readStream('model-busy');
    expect(stream.map((e) => Number(e.revision))).toEqual(stream.map((_, i) => i));
    expect(stream).toHaveLength(1 + accepted.length);
    const types = stream.map((e) => e.type);
    // Every accepted command is one event; the stream is a valid life: at most one of each transition.
    expect(types.filter((type) => type === 'ModelWithdrawn').length).toBeLessThanOrEqual(1);
    expect(types.filter((type) => type === 'ModelRecognized').length).toBeLessThanOrEqual(2);
    const yenBai = await totals('period=year:2024&unit=yen-bai');
    expect(yenBai.modelsRegistered).toBe(1);
    expect(yenBai.modelsRecognized + yenBai.modelsExemplary).toBe(types.filter((type) => type === 'ModelRecognized').length);
    expect(yenBai.modelsWithdrawn).toBe(types.filter((type) => type === 'ModelWithdrawn').length);
  });

  it('reads at once with consistentWith=0, a position every read model covers', async () => {
    await t.http().get('/v1/models/busy?consistentWith=0').expect(200);
    await t.http().get('/v1/stats?period=year:2024&unit=qk2&consistentWith=0').expect(200);
  });

  it('answers an idempotent retry with the first answer and writes nothing new', async () => {
    const body = { unitId: 'yen-bai', workdays: 3, on: '2024-05-05' };
    const headers = { 'Idempotency-Key': 'retry-e2e-1' };
    const first = await t.http().post('/v1/workdays').set(headers).send(body);
    expect(first.status).toBe(201);
    const before = (await t.readLog()).length;
    const retry = await t.http().post('/v1/workdays').set(headers).send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await t.readLog()).length).toBe(before);
    const reused = await t.http().post('/v1/workdays').set(headers).send({ ...body, workdays: 4 });
    expect(reused.status).toBe(409);
    const stats = await t.http().get(`/v1/stats?period=month:2024-05&unit=yen-bai&consistentWith=${first.body.position}`);
    expect(stats.body.totals.workdays).toBe(3);
  });
});
