import fc from 'fast-check';
import request from 'supertest';
import { ACCESS_POLICY } from '../apps/api/src/auth/access-policy.js';
import { authHeader } from '../apps/api/src/auth/testing/test-tokens.js';
import { pgliteBackend } from '../libs/event-store/src/testing/test-databases.js';
import { startE2eApp, type E2eApp } from './support/e2e-app.js';

/**
 * Random and malformed requests — paths, query strings, headers, tokens and bodies — across
 * every route of the access policy. Whatever arrives: never a 5xx (but the documented 503 to
 * a consistentWith beyond the log's head), never a hang, and the event log, compared row by
 * row, byte for byte, changes only by the events of the commands that were accepted.
 */
const RUNS = 2200;
const ROUTES = Object.keys(ACCESS_POLICY).map((key) => {
  const [method, path] = key.split(' ') as ['GET' | 'POST', string];
  return { method, path };
});

const QUERY_KEYS = ['period', 'unit', 'asOf', 'from', 'to', 'format', 'limit', 'cursor', 'consistentWith', 'boundaries', 'granularity', 'status', 'field', 'form', 'recipient', 'x'];
const BODY_KEYS = [
  'unitId', 'name', 'kind', 'parentId', 'intoUnitId', 'effectiveOn', 'decisionNo', 'phaseId', 'startsOn', 'endsOn', 'modelId', 'title', 'field',
  'holderKind', 'holderName', 'registeredOn', 'level', 'recognizedOn', 'byUnitId', 'withdrawnOn', 'reason', 'awardId', 'recipientKind',
  'recipientName', 'recipientUnitId', 'form', 'issuerUnitId', 'decidedOn', 'movement', 'revokedOn', 'entryId', 'workdays', 'on', 'activity',
  'metric', 'quantity', 'note', 'projection', '__proto__', 'constructor',
];
const KNOWN_VALUES = [
  'qk2', 'tuyen-quang', 'ha-noi', 'nope', '2024-07-01', '2024-02-30', '2099-01-01', 'province', 'commune', 'economy', 'collective', 'individual',
  'giay_khen', 'bang_khen', 'dan_van_kheo', 'recognized', 'exemplary', 'road_km', 'period-stats', 'year:2024', 'phase:p1', 'csv', 'jsonl', '0',
  '-1', '1e309', '99999999999999999999', '', ' ', 'Nguyễn Văn A', "'; DROP TABLE es_events; --", '../../etc/passwd', '%00',
];

const printable = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const anyText = fc.oneof(fc.constantFrom(...KNOWN_VALUES), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const scalar = fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(printable, scalar, { maxKeys: 3 }) });

const body = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...BODY_KEYS), value, { maxKeys: 12 }).map((o) => ({ json: o })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((o) => ({ json: o })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((raw) => ({ raw })) },
  { weight: 1, arbitrary: fc.constantFrom('{', '{"unitId":', '[1,2', '{"a":1}}', 'null', '"x"', '\u0000').map((raw) => ({ raw })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const validToken = fc.constantFrom(authHeader('admin').authorization, authHeader('officer', 'qk2').authorization, authHeader('auditor').authorization, authHeader('reader').authorization);
const authorization = fc.oneof(
  fc.constant(undefined),
  { weight: 4, arbitrary: validToken },
  fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(9000)}`),
  printable.map((s) => `Bearer ${s}`),
);
const pathSegment = fc.oneof(fc.constantFrom('qk2', 'a-seed', 'm-seed', 'p-seed', 'award-a-seed', 'unit-qk2', 'x'), fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 }));
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), fc.oneof(fc.constantFrom(...KNOWN_VALUES), fc.string({ maxLength: 20 }))), { maxLength: 5 });

const randomRequest = fc.record({
  route: fc.constantFrom(...ROUTES),
  segment: pathSegment,
  query,
  body,
  authorization,
  contentType: fc.oneof(fc.constant('application/json'), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', ''), printable),
  idempotencyKey: fc.option(printable, { nil: undefined }),
  requestId: fc.option(printable, { nil: undefined }),
});

/** Well-formed commands now and then (by an admin or the officer of qk2, in scope or not), so acceptances are mixed in. */
const slug = fc.stringMatching(/^[a-z0-9]{3,12}$/);
const validCommand = fc.oneof(
  fc.record({ unitId: slug, parentId: fc.constantFrom('qk2', 'ha-noi') }).map(({ unitId, parentId }) => ({ path: '/v1/units', json: { unitId: `f-${unitId}`, name: `Xã ${unitId}`, kind: 'commune', parentId } })),
  fc.record({ unitId: fc.constantFrom('tuyen-quang', 'ha-noi'), workdays: fc.integer({ min: 1, max: 50 }) }).map((b) => ({ path: '/v1/workdays', json: { ...b, on: '2024-07-27' } })),
  fc.record({ quantity: fc.integer({ min: 0, max: 1000 }) }).map(({ quantity }) => ({ path: '/v1/contributions', json: { unitId: 'tuyen-quang', metric: 'road_km', quantity, on: '2024-07-27' } })),
);
const wellFormedRequest = fc
  .record({ command: validCommand, authorization: fc.constantFrom(authHeader('admin').authorization, authHeader('officer', 'qk2').authorization), idempotencyKey: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }) })
  .map(({ command, authorization, idempotencyKey }) => ({
    route: { method: 'POST' as const, path: command.path },
    segment: 'x',
    query: [] as [string, string][],
    body: { json: command.json as unknown },
    authorization: authorization as string | undefined,
    contentType: 'application/json',
    idempotencyKey,
    requestId: undefined as string | undefined,
  }));

/**
 * Reads of records that do not exist, well formed: random requests alone find a 404 only
 * ~5 times in 2,200, and now and then not once.
 */
const missingRecordRead = fc
  .record({ path: fc.constantFrom('/v1/units/', '/v1/phases/', '/v1/models/', '/v1/awards/'), id: slug })
  .map(({ path, id }) => ({
    route: { method: 'GET' as const, path: `${path}missing-${id}` },
    segment: 'x',
    query: [] as [string, string][],
    body: undefined,
    authorization: authHeader('admin').authorization as string | undefined,
    contentType: 'application/json',
    idempotencyKey: undefined as string | undefined,
    requestId: undefined as string | undefined,
  }));

const fuzzRequest = fc.oneof({ weight: 10, arbitrary: randomRequest }, { weight: 2, arbitrary: wellFormedRequest }, { weight: 1, arbitrary: missingRecordRead });

type FuzzRequest = typeof fuzzRequest extends fc.Arbitrary<infer T> ? T : never;

interface LogRow {
  readonly position: string;
  readonly row: string;
  readonly correlationId: string;
}

/** The strings in a JSON value, its object keys too when `withKeys`. */
function stringsIn(value: unknown, withKeys: boolean): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [...(withKeys && !Array.isArray(value) ? [key] : []), ...stringsIn(inner, withKeys)]);
}

/** Every string a request carries: its path segment, query, body text, and the body's keys and values. */
function sentStrings(r: FuzzRequest): string[] {
  const sent = [r.segment, ...r.query.flat()];
  if (r.body !== undefined) {
    const text = 'raw' in r.body ? String(r.body.raw) : JSON.stringify(r.body.json);
    sent.push(text);
    if ('json' in r.body) sent.push(...stringsIn(r.body.json, true));
    // Sent as a form, the body reaches the server decoded ('+' a space, %XX a character).
    for (const [key, value] of new URLSearchParams(text)) sent.push(key, value);
  }
  return sent.filter((text) => text.length > 0);
}

/**
 * The strings of an error body the server wrote itself: an error may name what the client
 * sent (an unknown field, a malformed key), which is no leak, whatever it spells.
 */
function serverWritten(body: unknown, sent: readonly string[]): string[] {
  return stringsIn(body, false).filter((text) => !sent.some((s) => s.includes(text)));
}

describe('fuzz: random and malformed requests on every route', () => {
  let t: E2eApp;

  beforeAll(async () => {
    // Consistency waits cut short, so a random consistentWith costs milliseconds, not seconds.
    t = await startE2eApp(pgliteBackend, { CONSISTENCY_TIMEOUT_MS: '20' });
    await t.command('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' });
    await t.command('/v1/units', { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', parentId: 'qk2' });
    await t.command('/v1/units', { unitId: 'ha-noi', name: 'Hà Nội', kind: 'province' });
    await t.command('/v1/phases', { phaseId: 'p-seed', name: 'Giai đoạn', startsOn: '2021-01-01', endsOn: '2025-12-31' });
    await t.command('/v1/models', { modelId: 'm-seed', unitId: 'tuyen-quang', title: 'Mô hình', field: 'economy', holderKind: 'collective', holderName: 'Hội', registeredOn: '2024-03-15' });
    await t.command('/v1/awards', { awardId: 'a-seed', recipientKind: 'individual', recipientName: 'Nguyễn Văn A', recipientUnitId: 'tuyen-quang', form: 'giay_khen', issuerUnitId: 'qk2', decisionNo: '1/QĐ', decidedOn: '2024-07-01', movement: 'dan_van_kheo' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  /** Every stored column of every event, as the database returns it, in position order. */
  const logRows = async (): Promise<LogRow[]> => {
    const { rows } = await t.db.pool.query<{ position: string; row: string; correlation_id: string }>(
      `SELECT position::text AS position, row_to_json(e)::text AS row, metadata->>'correlationId' AS correlation_id FROM es_events e ORDER BY e.position`,
    );
    return rows.map((r) => ({ position: r.position, row: r.row, correlationId: r.correlation_id }));
  };

  const headPosition = async (): Promise<bigint> => {
    const { rows } = await t.db.pool.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM es_events');
    return BigInt(rows[0]!.head);
  };

  const send = (r: FuzzRequest) => {
    const path = r.route.path.replace(/:[A-Za-z]+/g, encodeURIComponent(r.segment) || 'x');
    const search = new URLSearchParams(r.query).toString();
    const url = search.length > 0 ? `${path}?${search}` : path;
    const server = request(t.app.getHttpServer());
    let req = r.route.method === 'GET' ? server.get(url) : server.post(url);
    req = req.timeout({ response: 10_000, deadline: 15_000 });
    if (r.authorization !== undefined) req = req.set('authorization', r.authorization);
    if (r.idempotencyKey !== undefined) req = req.set('idempotency-key', r.idempotencyKey);
    if (r.requestId !== undefined) req = req.set('x-request-id', r.requestId);
    if (r.body === undefined) return req;
    req = req.set('content-type', r.contentType);
    return 'raw' in r.body ? req.send(r.body.raw) : req.send(JSON.stringify(r.body.json));
  };

  it(`answers ${RUNS} random requests without a 500 or a hang, and writes only what it accepted`, async () => {
    const before = await logRows();
    const accepted = new Set<string>();
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (r) => {
        const response = await send(r);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 503 && response.body?.error?.code === 'CONSISTENCY_TIMEOUT') {
          // The documented answer to a consistentWith the log has not reached; any other 5xx fails.
          const waitedFor = r.query.find(([key]) => key === 'consistentWith')?.[1];
          expect(BigInt(waitedFor ?? '0')).toBeGreaterThan(await headPosition());
        } else expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.body).toEqual({ error: expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) }) });
          for (const text of serverWritten(response.body, sentStrings(r))) expect(text).not.toMatch(/\n\s+at |node_modules|es_events|SELECT |INSERT /);
        }
        if (r.route.method === 'POST' && response.status < 300) accepted.add(response.headers['x-request-id'] as string);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
    );

    const after = await logRows();
    // What was there is still there, byte for byte, in the same positions.
    expect(after.slice(0, before.length)).toEqual(before);
    // Everything new was written by an accepted command (its correlation id is that request's id).
    const written = after.slice(before.length);
    expect(written.filter((row) => !accepted.has(row.correlationId))).toEqual([]);
    // The run exercised refusals and acceptances, not one answer over and over.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 201, 400, 401, 403, 404]));
    expect(written.length).toBeGreaterThan(0);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
  }, 600_000);
});
