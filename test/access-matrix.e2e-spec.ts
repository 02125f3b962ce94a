import { ROLES, type Role } from '#domain';
import { pgliteBackend } from '../libs/event-store/src/testing/test-databases.js';
import { ACCESS_POLICY } from '../apps/api/src/auth/access-policy.js';
import { mintToken } from '../apps/api/src/auth/token-minting.js';
import { TEST_JWT_SECRET, testToken } from '../apps/api/src/auth/testing/test-tokens.js';
import { startE2eApp, type E2eApp } from './support/e2e-app.js';

/**
 * The full matrix of role × route, through HTTP on the whole app: who gets 401, who 403,
 * and, for officers, which commands their unit subtree covers. Every route of the app is
 * listed in the access policy and sampled here, so a new route cannot go untested.
 *
 * The tree: central ─┬─ qk2 ── tuyen-quang      (the officer's token names qk2)
 *                    └─ ha-noi                  (outside the officer's subtree)
 */
interface Sample {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  /** What an allowed caller gets (default 200 for GET, 201 for POST). */
  readonly allowed?: number;
}

type Scope = 'in' | 'out';
type Sampler = (t: E2eApp, n: number, scope: Scope) => Promise<Sample>;

const unitFor = (scope: Scope) => (scope === 'in' ? 'tuyen-quang' : 'ha-noi');
const model = (modelId: string, unitId: string) => ({
  modelId, unitId, title: `Mô hình ${modelId}`, field: 'economy', holderKind: 'collective', holderName: 'Hội Nông dân', registeredOn: '2024-03-15',
});
const award = (awardId: string, recipientUnitId: string) => ({
  awardId, recipientKind: 'individual', recipientName: `Nguyễn Văn ${awardId}`, recipientUnitId, form: 'giay_khen',
  issuerUnitId: 'qk2', decisionNo: `${awardId}/QĐ-BTL`, decidedOn: '2024-07-01', movement: 'dan_van_kheo',
});

/** Commands: a fresh request per call; `scope` picks a target inside or outside the officer's subtree. */
const COMMANDS: Record<string, Sampler> = {
  'POST /v1/units': async (_t, n, scope) => ({ method: 'POST', path: '/v1/units', body: { unitId: `u-${n}`, name: `Đơn vị ${n}`, kind: 'commune', parentId: unitFor(scope) } }),
  'POST /v1/units/:unitId/merge': async (t, n, scope) => {
    await t.command('/v1/units', { unitId: `mg-${n}`, name: `Xã ${n}`, kind: 'commune', parentId: unitFor(scope) });
    return { method: 'POST', path: `/v1/units/mg-${n}/merge`, body: { intoUnitId: unitFor(scope), effectiveOn: '2025-07-01' } };
  },
  'POST /v1/phases': async (_t, n) => ({ method: 'POST', path: '/v1/phases', body: { phaseId: `p-${n}`, name: `Giai đoạn ${n}`, startsOn: '2025-01-01', endsOn: '2025-12-31' } }),
  'POST /v1/models': async (_t, n, scope) => ({ method: 'POST', path: '/v1/models', body: model(`m-${n}`, unitFor(scope)) }),
  'POST /v1/models/:modelId/recognitions': async (t, n, scope) => {
    await t.command('/v1/models', model(`mr-${n}`, unitFor(scope)));
    return { method: 'POST', path: `/v1/models/mr-${n}/recognitions`, body: { level: 'recognized', recognizedOn: '2024-06-01', byUnitId: 'qk2' } };
  },
  'POST /v1/models/:modelId/withdrawal': async (t, n, scope) => {
    await t.command('/v1/models', model(`mw-${n}`, unitFor(scope)));
    return { method: 'POST', path: `/v1/models/mw-${n}/withdrawal`, body: { withdrawnOn: '2024-09-01', reason: 'Không duy trì' } };
  },
  'POST /v1/awards': async (_t, n, scope) => ({ method: 'POST', path: '/v1/awards', body: award(`a-${n}`, unitFor(scope)) }),
  'POST /v1/awards/:awardId/revocation': async (t, n, scope) => {
    await t.command('/v1/awards', award(`ar-${n}`, unitFor(scope)));
    return { method: 'POST', path: `/v1/awards/ar-${n}/revocation`, body: { revokedOn: '2024-08-01', decisionNo: `${n}/QĐ-HB`, reason: 'Hồ sơ sai' } };
  },
  'POST /v1/workdays': async (_t, n, scope) => ({ method: 'POST', path: '/v1/workdays', body: { entryId: `w-${n}`, unitId: unitFor(scope), workdays: 3, on: '2024-07-27' } }),
  'POST /v1/contributions': async (_t, n, scope) => ({ method: 'POST', path: '/v1/contributions', body: { entryId: `c-${n}`, unitId: unitFor(scope), metric: 'road_km', quantity: 2, on: '2024-07-27' } }),
  'POST /v1/entries/:entryId/void': async (t, n, scope) => {
    await t.command('/v1/workdays', { entryId: `v-${n}`, unitId: unitFor(scope), workdays: 1, on: '2024-07-27' });
    return { method: 'POST', path: `/v1/entries/v-${n}/void`, body: { unitId: unitFor(scope), reason: 'Nhập trùng' } };
  },
};

/** Every other route: one request each. */
const OTHERS: Record<string, Sample> = {
  'GET /health/live': { method: 'GET', path: '/health/live' },
  'GET /health/ready': { method: 'GET', path: '/health/ready' },
  'GET /metrics': { method: 'GET', path: '/metrics' },
  'GET /v1/stats': { method: 'GET', path: '/v1/stats?period=year:2024&unit=qk2' },
  'GET /v1/stats/series': { method: 'GET', path: '/v1/stats/series?unit=qk2&granularity=year&from=2024-01-01&to=2025-12-31' },
  'GET /v1/phases': { method: 'GET', path: '/v1/phases' },
  'GET /v1/models': { method: 'GET', path: '/v1/models?unit=qk2' },
  'GET /v1/awards': { method: 'GET', path: '/v1/awards?unit=qk2' },
  'GET /v1/units/:unitId': { method: 'GET', path: '/v1/units/qk2' },
  'GET /v1/phases/:phaseId': { method: 'GET', path: '/v1/phases/p-seed' },
  'GET /v1/models/:modelId': { method: 'GET', path: '/v1/models/m-seed' },
  'GET /v1/awards/:awardId': { method: 'GET', path: '/v1/awards/a-seed' },
  'GET /v1/audit/streams/:stream': { method: 'GET', path: '/v1/audit/streams/award-a-seed' },
  'GET /v1/audit/awards': { method: 'GET', path: '/v1/audit/awards?asOf=2024-12-31&unit=qk2' },
  'GET /v1/audit/export': { method: 'GET', path: '/v1/audit/export?unit=qk2&format=csv' },
  'GET /v1/audit/verify': { method: 'GET', path: '/v1/audit/verify' },
  'GET /v1/audit/refusals': { method: 'GET', path: '/v1/audit/refusals?limit=5' },
  'GET /v1/admin/projections': { method: 'GET', path: '/v1/admin/projections' },
  'GET /v1/admin/rebuilds/:rebuildId': { method: 'GET', path: '/v1/admin/rebuilds/00000000-0000-4000-8000-000000000000', allowed: 404 },
  'POST /v1/admin/rebuilds': { method: 'POST', path: '/v1/admin/rebuilds', body: { projection: 'period-stats' }, allowed: 202 },
};

const OFFICER_UNIT = 'qk2';
const tokenOf = (role: Role) => testToken(role, role === 'officer' ? OFFICER_UNIT : undefined);

/** The routes Express serves, as `METHOD /path/:param`. */
function servedRoutes(t: E2eApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router?: RouterLike; _router?: RouterLike };
  const router = express.router ?? express._router;
  return (router?.stack ?? []).flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [],
  );
}
interface RouterLike {
  readonly stack: readonly { readonly route?: { readonly path: string; readonly methods: Record<string, boolean> } }[];
}

describe('access: role × route', () => {
  let t: E2eApp;
  let n = 0;

  const send = (sample: Sample, authorization?: string) => {
    const request = sample.method === 'GET' ? t.http().get(sample.path) : t.http().post(sample.path).send(sample.body as object);
    // The helper's agent sends an admin token by default: replace it, or remove it.
    return authorization === undefined ? request.set('authorization', '') : request.set('authorization', authorization);
  };
  const logLength = async () => (await t.readLog()).length;

  beforeAll(async () => {
    t = await startE2eApp(pgliteBackend);
    await t.command('/v1/units', { unitId: 'central', name: 'Trung ương', kind: 'central' });
    await t.command('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region', parentId: 'central' });
    await t.command('/v1/units', { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', parentId: 'qk2' });
    await t.command('/v1/units', { unitId: 'ha-noi', name: 'Hà Nội', kind: 'province', parentId: 'central' });
    await t.command('/v1/phases', { phaseId: 'p-seed', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' });
    await t.command('/v1/models', model('m-seed', 'tuyen-quang'));
    await t.command('/v1/awards', award('a-seed', 'tuyen-quang'));
    // Detail reads need the projection to have caught up with the seed.
    await t.read('/v1/awards/a-seed');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists every route the app serves in the access policy, and samples every policy entry here', () => {
    // Wildcards (`{/*splat}`, `/{*path}`) are the 404 answers and middleware; /docs* is Swagger's, public by API.md.
    const ours = (route: string) => !route.includes('*') && !route.startsWith('GET /docs');
    const served = [...new Set(servedRoutes(t).filter(ours))].sort();
    expect(served.length).toBeGreaterThan(20);
    expect(served).toEqual(Object.keys(ACCESS_POLICY).sort());
    expect([...Object.keys(COMMANDS), ...Object.keys(OTHERS)].sort()).toEqual(Object.keys(ACCESS_POLICY).sort());
  });

  describe.each(Object.keys(ACCESS_POLICY))('%s', (routeKey) => {
    const access = ACCESS_POLICY[routeKey]!;
    const sample = async (scope: Scope = 'in'): Promise<Sample> => {
      const command = COMMANDS[routeKey];
      return command ? command(t, ++n, scope) : OTHERS[routeKey]!;
    };
    const expectedAllowed = (s: Sample) => s.allowed ?? (s.method === 'GET' ? 200 : 201);

    if (access === 'public') {
      it('answers without a token', async () => {
        expect((await send(await sample())).status).toBe(200);
      });
      return;
    }

    it('answers 401 without a token, with a malformed one, an expired one or one of another secret, and writes nothing', async () => {
      const expired = mintToken(TEST_JWT_SECRET, { sub: 'x', role: 'admin', ttlSeconds: 60 }, new Date(Date.now() - 7200_000));
      const foreign = mintToken('not-the-server-secret-not-the-server-secret', { sub: 'x', role: 'admin', ttlSeconds: 60 });
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url')}.`;
      const s = await sample();
      const before = await logLength();
      for (const authorization of [undefined, 'Bearer not-a-token', `Bearer ${unsigned}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`, `Bearer ${expired}`, `Bearer ${foreign}`]) {
        const response = await send(s, authorization);
        expect({ authorization, status: response.status, code: response.body.error?.code }).toEqual({ authorization, status: 401, code: 'UNAUTHENTICATED' });
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
      expect(await logLength()).toBe(before);
    });

    it.each(ROLES.map((role) => [role, access.includes(role)] as const))('as %s: allowed = %s', async (role, allowed) => {
      const s = await sample('in');
      const before = await logLength();
      const response = await send(s, `Bearer ${tokenOf(role)}`);
      if (!allowed) {
        expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
        expect(await logLength()).toBe(before);
        return;
      }
      expect({ status: response.status, body: response.body }).toEqual({ status: expectedAllowed(s), body: expect.anything() });
    });

    if (COMMANDS[routeKey] && access.includes('officer')) {
      it('as officer of qk2: a target outside the subtree is refused with 403 OUT_OF_SCOPE and writes nothing', async () => {
        const s = await sample('out');
        const before = await logLength();
        const response = await send(s, `Bearer ${tokenOf('officer')}`);
        expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
        expect(await logLength()).toBe(before);
      });

      it('as admin: the same target outside qk2 is accepted', async () => {
        const s = await sample('out');
        expect((await send(s, `Bearer ${tokenOf('admin')}`)).status).toBe(201);
      });
    }
  });

  it('serves the OpenAPI document and UI without a token', async () => {
    expect((await send({ method: 'GET', path: '/docs-json' })).status).toBe(200);
    expect((await send({ method: 'GET', path: '/docs/' })).status).toBe(200);
  });

  it("records the token's subject and role as the actor of the events an officer writes", async () => {
    const response = await send({ method: 'POST', path: '/v1/workdays', body: { unitId: 'tuyen-quang', workdays: 5, on: '2024-08-01' } }, `Bearer ${tokenOf('officer')}`).expect(201);
    const [event] = (await t.store.readStream(response.body.stream as string)).slice(-1);
    expect(event!.metadata).toMatchObject({ actor: 'test-officer', actorRole: 'officer', route: 'POST /v1/workdays', clientAddress: expect.any(String) });
  });

  it('refuses a top-level unit to an officer (no subtree covers the root)', async () => {
    const response = await send({ method: 'POST', path: '/v1/units', body: { unitId: 'new-root', name: 'Gốc mới', kind: 'central' } }, `Bearer ${tokenOf('officer')}`);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
  });

  it('records refused commands and refused tokens in the refusal log: what, when, where, who, outcome', async () => {
    await send({ method: 'POST', path: '/v1/workdays', body: { unitId: 'ha-noi', workdays: 1, on: '2024-07-27' } }, `Bearer ${tokenOf('officer')}`).expect(403);
    await send({ method: 'GET', path: '/v1/stats?period=year:2024&unit=qk2' }).expect(401);
    await send({ method: 'POST', path: '/v1/workdays', body: { unitId: 'tuyen-quang', workdays: -1, on: '2024-07-27' } }, `Bearer ${tokenOf('admin')}`).expect(400);
    // Recorded once the answer is sent: give the insert a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { body } = await send({ method: 'GET', path: '/v1/audit/refusals?limit=3' }, `Bearer ${tokenOf('auditor')}`).expect(200);
    expect(body.refusals).toEqual([
      expect.objectContaining({ actor: 'test-admin', actorRole: 'admin', method: 'POST', route: 'POST /v1/workdays', status: 400, code: 'VALIDATION_FAILED', bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      expect.objectContaining({ actor: null, actorRole: null, method: 'GET', route: 'GET /v1/stats', path: '/v1/stats', status: 401, code: 'UNAUTHENTICATED' }),
      expect.objectContaining({ actor: 'test-officer', actorRole: 'officer', route: 'POST /v1/workdays', status: 403, code: 'OUT_OF_SCOPE', clientAddress: expect.any(String), at: expect.stringMatching(/Z$/) }),
    ]);
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it('lets an officer grant an award in its subtree only when the named model is in it too', async () => {
    const body = { ...award(`am-${++n}`, 'tuyen-quang'), modelId: 'm-out' };
    await t.command('/v1/models', model('m-out', 'ha-noi'));
    const response = await send({ method: 'POST', path: '/v1/awards', body }, `Bearer ${tokenOf('officer')}`);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
  });
});
