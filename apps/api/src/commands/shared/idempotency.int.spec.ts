import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { ADMIN_ENVELOPE, createCommandsTestApp, seedUnit, TEST_NOW, UUID, type CommandsTestApp } from '../testing/commands-test-app.js';
import { eventIdFor } from './command-executor.js';
import { deterministicUuid } from './deterministic-id.js';
import { requestHash } from './idempotency-key.js';

describe.each(testBackends())('Idempotency-Key ($name)', (backend) => {
  let t: CommandsTestApp;
  let keys = 0;
  const newKey = (): string => `key-${++keys}-${Date.now()}`;
  const workdays = (entryId: string) => ({ entryId, unitId: 'lam-binh', workdays: 3, on: '2024-07-27', activity: 'Dọn vệ sinh' });

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
    await seedUnit(t, 'lam-binh');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers a retry with the same key and body like the first time, and writes nothing new', async () => {
    const key = newKey();
    const first = await t.post('/v1/workdays', workdays('idem-1'), { 'Idempotency-Key': key, 'X-Request-Id': 'req-first' }).expect(201);
    const logAfterFirst = await t.readAll();
    // Same body with its keys in another order: the same request.
    const { activity, ...rest } = workdays('idem-1');
    const retry = await t.post('/v1/workdays', { activity, ...rest }, { 'Idempotency-Key': key }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await t.readAll()).toEqual(logAfterFirst);

    const [event] = (await t.readStream('ledger-lam-binh')).filter((e) => (e.data as { entryId: string }).entryId === 'idem-1');
    expect(event!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-first',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
      idempotencyKey: key,
    });
    // Event ids derive from (key, request, stream, index): a crashed retry cannot append twice.
    const hash = requestHash('POST', '/v1/workdays', workdays('idem-1'));
    expect(event!.eventId).toBe(eventIdFor({ key, requestHash: hash }, 'ledger-lam-binh', 0));
  });

  it('refuses the same key with another body or another route (409 IDEMPOTENCY_KEY_REUSED), writing nothing', async () => {
    const key = newKey();
    await t.post('/v1/workdays', workdays('idem-2'), { 'Idempotency-Key': key }).expect(201);
    const before = await t.readAll();
    const otherBody = await t.post('/v1/workdays', { ...workdays('idem-2'), workdays: 4 }, { 'Idempotency-Key': key }).expect(409);
    expect(otherBody.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherRoute = await t
      .post('/v1/contributions', { unitId: 'lam-binh', metric: 'gifts', quantity: 1, on: '2024-07-27' }, { 'Idempotency-Key': key })
      .expect(409);
    expect(otherRoute.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.readAll()).toEqual(before);
  });

  it('derives a left-out id from the key, so the retry names the same entry', async () => {
    const key = newKey();
    const body = { unitId: 'lam-binh', workdays: 1, on: '2024-07-27' };
    const first = await t.post('/v1/workdays', body, { 'Idempotency-Key': key }).expect(201);
    expect(first.body.id).toBe(deterministicUuid('generated-id', key));
    expect(first.body.id).toMatch(UUID);
    const retry = await t.post('/v1/workdays', body, { 'Idempotency-Key': key }).expect(201);
    expect(retry.body).toEqual(first.body);
  });

  it('answers from the events already written when the first attempt crashed before its answer was kept', async () => {
    const key = newKey();
    const body = workdays('idem-crash');
    const hash = requestHash('POST', '/v1/workdays', body);
    // What the crashed attempt wrote: the event, under the id derived from the key.
    const written = await t.store.append(
      'ledger-lam-binh',
      [
        {
          eventId: eventIdFor({ key, requestHash: hash }, 'ledger-lam-binh', 0),
          type: 'WorkdaysLogged',
          data: { entryId: 'idem-crash', unitId: 'lam-binh', workdays: 3, on: '2024-07-27', activity: 'Dọn vệ sinh' },
          metadata: { actor: 'anonymous', correlationId: 'crashed', causationId: 'c', recordedAt: TEST_NOW, schemaVersion: 1, idempotencyKey: key },
        },
      ],
      'any',
    );
    const before = await t.readAll();
    const response = await t.post('/v1/workdays', body, { 'Idempotency-Key': key }).expect(201);
    expect(response.body).toEqual({
      id: 'idem-crash',
      stream: 'ledger-lam-binh',
      revision: Number(written.nextRevision),
      position: written.position.toString(),
    });
    expect(await t.readAll()).toEqual(before);
  });

  it('answers concurrent retries of one request alike, writing one event', async () => {
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => t.post('/v1/workdays', workdays('idem-race'), { 'Idempotency-Key': key })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    for (const response of responses) expect(response.body).toEqual(responses[0]!.body);
    const entries = (await t.readStream('ledger-lam-binh')).filter((e) => (e.data as { entryId: string }).entryId === 'idem-race');
    expect(entries).toHaveLength(1);
  });

  it('keeps no answer for a refused command: the key still serves the corrected request', async () => {
    const key = newKey();
    const refused = await t.post('/v1/workdays', { ...workdays('idem-fix'), on: '2025-06-17' }, { 'Idempotency-Key': key }).expect(422);
    expect(refused.body.error.code).toBe('DATE_IN_FUTURE');
    await t.post('/v1/workdays', { ...workdays('idem-fix'), on: '2025-06-17' }, { 'Idempotency-Key': key }).expect(422);
    await t.post('/v1/workdays', workdays('idem-fix'), { 'Idempotency-Key': key }).expect(201);
  });

  it('makes a two-stream command (a grant and its key reservation) idempotent too', async () => {
    const key = newKey();
    const grant = {
      recipientKind: 'individual',
      recipientName: 'Lê Thị Hoa',
      recipientUnitId: 'lam-binh',
      form: 'bang_khen',
      issuerUnitId: 'lam-binh',
      decisionNo: '7/QĐ',
      decidedOn: '2024-05-19',
      movement: 'dan_van_kheo',
    };
    const first = await t.post('/v1/awards', grant, { 'Idempotency-Key': key }).expect(201);
    const before = await t.readAll();
    const retry = await t.post('/v1/awards', grant, { 'Idempotency-Key': key }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await t.readAll()).toEqual(before);
  });

  it('answers 400 for a malformed key, writing nothing', async () => {
    const before = await t.readAll();
    for (const key of ['k'.repeat(201), 'khóa']) {
      const response = await t.post('/v1/workdays', workdays('idem-bad'), { 'Idempotency-Key': key }).expect(400);
      expect(response.body.error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid',
        details: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' }],
      });
    }
    await t.post('/v1/workdays', workdays('idem-ok'), { 'Idempotency-Key': 'k'.repeat(200) }).expect(201);
    expect((await t.readAll()).length).toBe(before.length + 1);
  });
});
