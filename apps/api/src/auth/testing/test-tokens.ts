import type { Role } from '#domain';
import { mintToken } from '../token-minting.js';

/** The HS256 secret every test app is configured with (AUTH_JWT_SECRET). */
export const TEST_JWT_SECRET = 'test-secret-for-danvan-test-apps-only-0123456789';
/** The test secret, and a rate limit no test reaches unless it sets its own. */
export const TEST_AUTH_ENV = { AUTH_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '1000000' } as const;
export const TEST_ADMIN_SUBJECT = 'test-admin';

/** A token of the test secret, valid for an hour. */
export function testToken(role: Role, unit?: string, sub = `test-${role}`): string {
  return mintToken(TEST_JWT_SECRET, { sub, role, unit, ttlSeconds: 3600 });
}

/** `{ authorization: 'Bearer …' }` for a role (admin by default). */
export function authHeader(role: Role = 'admin', unit?: string): { authorization: string } {
  return { authorization: `Bearer ${testToken(role, unit, role === 'admin' ? TEST_ADMIN_SUBJECT : `test-${role}`)}` };
}
