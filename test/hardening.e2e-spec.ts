import request from 'supertest';
import { authHeader } from '../apps/api/src/auth/testing/test-tokens.js';
import { pgliteBackend } from '../libs/event-store/src/testing/test-databases.js';
import { startE2eApp, type E2eApp } from './support/e2e-app.js';

/** Security headers, CORS, body size and rate limits of the whole app, through HTTP. */
describe('hardening', () => {
  describe('defaults', () => {
    let t: E2eApp;
    beforeAll(async () => {
      t = await startE2eApp(pgliteBackend);
    });
    afterAll(async () => {
      await t?.close();
    });
    const server = () => request(t.app.getHttpServer());

    it('sends helmet’s security headers and no framework banner', async () => {
      const response = await server().get('/health/live').expect(200);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
        'x-frame-options': 'SAMEORIGIN',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('keeps CORS closed: no browser origin is allowed, preflights included', async () => {
      const simple = await server().get('/v1/phases').set({ ...authHeader(), origin: 'https://evil.example' });
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await server().options('/v1/units').set({ origin: 'https://evil.example', 'access-control-request-method': 'POST' });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses a body over the limit with 413 and a plain error, no stack or SQL', async () => {
      const response = await server().post('/v1/units').set(authHeader()).set('content-type', 'application/json').send(`{"name":"${'x'.repeat(1_100_000)}"}`);
      expect(response.status).toBe(413);
      expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } });
    });

    it('answers malformed JSON with 400 and nothing of the parser’s internals', async () => {
      const response = await server().post('/v1/units').set(authHeader()).set('content-type', 'application/json').send('{"unitId": ');
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).not.toMatch(/at |node_modules|SyntaxError|position \d/);
    });
  });

  describe('configured', () => {
    let t: E2eApp;
    beforeAll(async () => {
      t = await startE2eApp(pgliteBackend, { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://danvan.example.gov.vn' });
    });
    afterAll(async () => {
      await t?.close();
    });
    const server = () => request(t.app.getHttpServer());

    it('limits each address to the configured requests a minute with 429, health probes exempt', async () => {
      // Windows are whole minutes: stay clear of a boundary so all requests fall in one.
      const untilBoundary = 60_000 - (Date.now() % 60_000);
      if (untilBoundary < 5000) await new Promise((resolve) => setTimeout(resolve, untilBoundary + 50));
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await server().get('/v1/phases').set(authHeader())).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const refused = await server().get('/v1/phases').set(authHeader());
      expect(refused.body).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: expect.any(String) } });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Bad tokens count too: guessing is throttled like everything else.
      expect((await server().get('/v1/phases').set('authorization', 'Bearer x.y.z')).status).toBe(429);
      for (let i = 0; i < 10; i++) await server().get('/health/live').expect(200);
    });

    it('allows the configured origin only', async () => {
      const allowed = await server().options('/v1/units').set({ origin: 'https://danvan.example.gov.vn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://danvan.example.gov.vn');
      const other = await server().options('/v1/units').set({ origin: 'https://evil.example', 'access-control-request-method': 'POST' });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
