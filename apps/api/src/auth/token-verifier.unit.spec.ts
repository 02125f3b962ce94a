import { once } from 'node:events';
import { createServer } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { AuthKeys } from './auth-keys.js';
import { TEST_JWT_SECRET } from './testing/test-tokens.js';
import { mintToken, parseTtl } from './token-minting.js';
import { TokenVerifier, UnauthenticatedError } from './token-verifier.js';

const HS_KEYS: AuthKeys = { hs256Secret: TEST_JWT_SECRET, rs256PublicKey: undefined, jwksUrl: undefined, issuer: undefined, audience: undefined };
const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refused(verifier: TokenVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
}

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier(HS_KEYS);

  it('accepts a minted token and answers its subject, role and scope', async () => {
    const token = mintToken(TEST_JWT_SECRET, { sub: 'can-bo-1', role: 'officer', unit: 'qk2', ttlSeconds: 60 });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'can-bo-1',
      role: 'officer',
      unit: 'qk2',
      scope: { kind: 'subtree', unitId: 'qk2' },
    });
  });

  it('refuses an expired token, saying so', async () => {
    const token = mintToken(TEST_JWT_SECRET, { sub: 'a', role: 'admin', ttlSeconds: 60 }, new Date(Date.now() - 3600_000));
    expect(await refused(verifier, token)).toMatch(/expired/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = mintToken('another-secret-another-secret-another-secret', { sub: 'a', role: 'admin', ttlSeconds: 60 });
    expect(await refused(verifier, token)).toMatch(/invalid/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'a', role: 'admin', exp: now() + 60 })}.`;
    await refused(verifier, token);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = mintToken(TEST_JWT_SECRET, { sub: 'a', role: 'reader', ttlSeconds: 60 }).split('.');
    await refused(verifier, `${header}.${base64url({ sub: 'a', role: 'admin', exp: now() + 60 })}.${signature}`);
  });

  it.each(['', 'abc', 'a.b.c', '....', `${base64url({ alg: 'HS256' })}.not-json.x`])('refuses the malformed token %j', async (token) => {
    await refused(verifier, token);
  });

  it.each([
    [{ role: 'admin' }, /sub/],
    [{ sub: 'a', role: 'root' }, /role/],
    [{ sub: 'a', role: 'officer' }, /unit/],
    [{ sub: 'a', role: 'officer', unit: 'Not A Slug' }, /unit/],
  ])('refuses well-signed tokens with bad claims %j', async (claims, reason) => {
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect(await refused(verifier, token)).toMatch(reason);
  });

  it('refuses a token without expiry', async () => {
    const token = await new SignJWT({ sub: 'a', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect(await refused(verifier, token)).toMatch(/exp/);
  });
});

describe('TokenVerifier (RS256 public key)', () => {
  it('accepts a token of the identity provider and refuses HS256 tokens forged with the public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const pem = await exportSPKI(publicKey);
    const verifier = new TokenVerifier({ ...HS_KEYS, hs256Secret: undefined, rs256PublicKey: pem, issuer: 'https://id.example', audience: 'danvan' });
    const good = await new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('kiem-toan-1')
      .setIssuer('https://id.example')
      .setAudience('danvan')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verifier.verify(good)).resolves.toMatchObject({ sub: 'kiem-toan-1', role: 'auditor' });

    const otherAudience = await new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('kiem-toan-1')
      .setIssuer('https://id.example')
      .setAudience('other-app')
      .setExpirationTime('1h')
      .sign(privateKey);
    await refused(verifier, otherAudience);

    // The classic algorithm confusion: the public key used as an HMAC secret.
    const forged = await new SignJWT({ sub: 'x', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(pem));
    await refused(verifier, forged);
  });
});

describe('TokenVerifier (RS256 JWKS)', () => {
  it("accepts tokens signed by a key of the provider's JWKS and refuses a key it does not list", async () => {
    const listed = await generateKeyPair('RS256');
    const unlisted = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(listed.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const verifier = new TokenVerifier({ ...HS_KEYS, hs256Secret: undefined, jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
      const sign = (key: Parameters<SignJWT['sign']>[0]) =>
        new SignJWT({ role: 'officer', unit: 'qk2' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('sso-42').setExpirationTime('5m').sign(key);
      await expect(verifier.verify(await sign(listed.privateKey))).resolves.toMatchObject({ sub: 'sso-42', scope: { kind: 'subtree', unitId: 'qk2' } });
      await refused(verifier, await sign(unlisted.privateKey));
      // No HS256 secret is configured: an HS256 token has no key to pass.
      await refused(verifier, mintToken(TEST_JWT_SECRET, { sub: 'a', role: 'admin', ttlSeconds: 60 }));
    } finally {
      server.close();
    }
  });
});

describe('parseTtl', () => {
  it('reads seconds, minutes, hours and days, and refuses the rest', () => {
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('8h')).toBe(28_800);
    expect(parseTtl('7d')).toBe(604_800);
    expect(parseTtl('0h')).toBeUndefined();
    expect(parseTtl('8 hours')).toBeUndefined();
    expect(parseTtl('400d')).toBeUndefined();
  });
});
