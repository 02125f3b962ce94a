import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { awardReservationStream, awardUniquenessKey } from '#domain';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { sha256Hex } from '../shared/deterministic-id.js';
import {
  ADMIN_ENVELOPE,
  createCommandsTestApp,
  seedModel,
  seedUnit,
  TEST_NOW,
  UUID,
  type CommandsTestApp,
} from '../testing/commands-test-app.js';

const grant = {
  recipientKind: 'individual',
  recipientName: 'Nguyễn Văn An',
  recipientUnitId: 'lam-binh',
  form: 'bang_khen',
  issuerUnitId: 'tuyen-quang',
  decisionNo: '1290/QĐ-UBND',
  decidedOn: '2024-05-19',
  movement: 'dan_van_kheo',
};

type Grant = typeof grant;

const reservationStreamOf = (body: Grant): string => awardReservationStream(sha256Hex(awardUniquenessKey(body)));

describe.each(testBackends())('POST /v1/awards ($name)', (backend) => {
  let t: CommandsTestApp;

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'tuyen-quang', null, 'province');
    await seedUnit(t, 'lam-binh', 'tuyen-quang');
    await seedModel(t, 'm-1', 'lam-binh');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('grants an award: reserves its key, then writes AwardGranted, both with the command envelope', async () => {
    const response = await t.post('/v1/awards', { ...grant, awardId: 'a-1', modelId: 'm-1' }, { 'X-Request-Id': 'req-grant' }).expect(201);
    const [granted] = await t.readStream('award-a-1');
    expect(response.body).toEqual({ id: 'a-1', stream: 'award-a-1', revision: 0, position: granted!.position.toString() });
    expect(granted!.type).toBe('AwardGranted');
    expect(granted!.data).toEqual({ ...grant, awardId: 'a-1', modelId: 'm-1' });
    const envelope = {
      ...ADMIN_ENVELOPE,
      correlationId: 'req-grant',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    };
    expect(granted!.metadata).toEqual(envelope);
    const [reserved] = await t.readStream(reservationStreamOf(grant));
    expect(reserved!.type).toBe('AwardUniquenessReserved');
    expect(reserved!.data).toEqual({ key: awardUniquenessKey(grant), awardId: 'a-1' });
    expect(reserved!.metadata).toEqual({ ...envelope, causationId: granted!.metadata['causationId'] });
    expect(reserved!.position < granted!.position).toBe(true);
  });

  it('generates a UUID award id when the body leaves it out', async () => {
    const response = await t.post('/v1/awards', { ...grant, form: 'giay_khen' }).expect(201);
    expect(response.body.id).toMatch(UUID);
    const [granted] = await t.readStream(`award-${response.body.id}`);
    expect(granted!.data).toMatchObject({ awardId: response.body.id, form: 'giay_khen' });
  });

  it('refuses the same form to the same recipient under the same decision (409 AWARD_DUPLICATE), writing nothing', async () => {
    const before = await t.readAll();
    const sameRecipient = { ...grant, awardId: 'a-dup', recipientName: '  nguyễn   VĂN an '.normalize('NFD') };
    const response = await t.post('/v1/awards', sameRecipient).expect(409);
    expect(response.body.error.code).toBe('AWARD_DUPLICATE');
    expect(response.body.error.message).toMatch(/a-1/);
    expect(await t.readAll()).toEqual(before);
  });

  it('grants the same form to the same recipient under another decision (201)', async () => {
    await t.post('/v1/awards', { ...grant, awardId: 'a-other-decision', decisionNo: '1300/QĐ-UBND' }).expect(201);
    await t.post('/v1/awards', { ...grant, awardId: 'a-other-date', decidedOn: '2024-05-20' }).expect(201);
    await t.post('/v1/awards', { ...grant, awardId: 'a-other-recipient', recipientKind: 'collective' }).expect(201);
  });

  it('answers 400 / 404 / 409 / 422 and reserves nothing for a refused grant', async () => {
    const before = await t.readAll();
    const invalid = await t.post('/v1/awards', { ...grant, form: 'medal', decidedOn: '2024-02-30', movement: undefined }).expect(400);
    expect(invalid.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'form', message: expect.stringMatching(/^must be one of: bang_khen, giay_khen/) },
        { field: 'decidedOn', message: 'must be a real calendar date YYYY-MM-DD' },
        { field: 'movement', message: 'is required' },
      ]),
    );
    const future = { ...grant, awardId: 'a-future', decidedOn: '2025-06-17' };
    expect((await t.post('/v1/awards', future).expect(422)).body.error.code).toBe('DATE_IN_FUTURE');
    const noModel = { ...grant, awardId: 'a-no-model', decisionNo: 'x-1', modelId: 'nowhere' };
    expect((await t.post('/v1/awards', noModel).expect(404)).body.error.code).toBe('MODEL_NOT_FOUND');
    const noUnit = { ...grant, awardId: 'a-no-unit', recipientUnitId: 'nowhere' };
    expect((await t.post('/v1/awards', noUnit).expect(404)).body.error.code).toBe('UNIT_NOT_FOUND');
    const again = { ...grant, awardId: 'a-1', decisionNo: 'another' };
    expect((await t.post('/v1/awards', again).expect(409)).body.error.code).toBe('AWARD_ALREADY_EXISTS');
    expect(await t.readAll()).toEqual(before);
    expect(await t.readStream(reservationStreamOf({ ...grant, decidedOn: '2025-06-17' }))).toEqual([]);
  });

  async function reserveByHand(body: Grant, awardId: string, recordedAt: string): Promise<string> {
    const stream = reservationStreamOf(body);
    await t.store.append(
      stream,
      [
        {
          eventId: randomUUID(),
          type: 'AwardUniquenessReserved',
          data: { key: awardUniquenessKey(body), awardId },
          metadata: { actor: 'anonymous', correlationId: 'crashed', causationId: randomUUID(), recordedAt, schemaVersion: 1 },
        },
      ],
      'no_stream',
    );
    return stream;
  }

  it('goes on when the reservation already names this award (a crash between the two appends)', async () => {
    const body = { ...grant, decisionNo: 'crash-retry-1' };
    const stream = await reserveByHand(body, 'a-crashed', TEST_NOW);
    await t.post('/v1/awards', { ...body, awardId: 'a-crashed' }).expect(201);
    expect(await t.readStream(stream)).toHaveLength(1);
    expect(await t.readStream('award-a-crashed')).toHaveLength(1);
  });

  it('takes over the reservation of an award that was never written, at the exact revision', async () => {
    const body = { ...grant, decisionNo: 'abandoned-1' };
    const stream = await reserveByHand(body, 'a-never-written', '2025-06-15T19:00:00.000Z');
    await t.post('/v1/awards', { ...body, awardId: 'a-takes-over' }).expect(201);
    const reservations = await t.readStream(stream);
    expect(reservations.map((e) => [Number(e.revision), e.data])).toEqual([
      [0, { key: awardUniquenessKey(body), awardId: 'a-never-written' }],
      [1, { key: awardUniquenessKey(body), awardId: 'a-takes-over' }],
    ]);
    // The key is now the new award's: a third grant is a duplicate.
    expect((await t.post('/v1/awards', { ...body, awardId: 'a-third' }).expect(409)).body.error.code).toBe('AWARD_DUPLICATE');
  });

  it('answers 409 while another grant of the key may still be writing (a fresh reservation), writing nothing', async () => {
    const body = { ...grant, decisionNo: 'in-flight-1' };
    await reserveByHand(body, 'a-in-flight', TEST_NOW);
    const before = await t.readAll();
    const response = await t.post('/v1/awards', { ...body, awardId: 'a-waiting' }).expect(409);
    expect(response.body.error.code).toBe('CONCURRENCY_CONFLICT');
    expect(await t.readAll()).toEqual(before);
  });

  it('of concurrent grants of one key under different ids, exactly one is written', async () => {
    const body = { ...grant, decisionNo: 'race-1' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.post('/v1/awards', { ...body, awardId: `a-race-${i}` })),
    );
    const winners = responses.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    for (const loser of responses.filter((r) => r.status !== 201)) {
      expect(loser.status).toBe(409);
      expect(['AWARD_DUPLICATE', 'CONCURRENCY_CONFLICT']).toContain(loser.body.error.code);
    }
    const written = (await t.readAll()).filter((e) => e.type === 'AwardGranted' && e.streamName.startsWith('award-a-race-'));
    expect(written.map((e) => e.streamName)).toEqual([winners[0]!.body.stream]);
    const reservations = await t.readStream(reservationStreamOf(body));
    expect(reservations.map((e) => (e.data as { awardId: string }).awardId)).toEqual([winners[0]!.body.id]);
  });
});
