import { userInfo } from 'node:os';
import { isRole, ROLES } from '#domain';
import { resolveAuthKeys } from '../../api/src/auth/auth-keys.js';
import { mintToken, parseTtl } from '../../api/src/auth/token-minting.js';
import type { AppConfig } from '../../api/src/infrastructure/config/app-config.js';

export interface TokenOptions {
  readonly role: string;
  readonly unit?: string;
  readonly ttl: string;
  readonly sub?: string;
}

/**
 * A token for the server's HS256 secret (AUTH_JWT_SECRET, or the one generated in
 * DATA_DIR, created here if the server never ran). The subject defaults to the operating
 * system user, so events record who minted the token when no --sub is given.
 */
export async function tokenFor(config: AppConfig, options: TokenOptions): Promise<string> {
  if (!isRole(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const ttlSeconds = parseTtl(options.ttl);
  if (ttlSeconds === undefined) throw new Error('--ttl must be like 90s, 30m, 8h or 7d (at most 366d)');
  const keys = await resolveAuthKeys(config);
  if (keys.hs256Secret === undefined) {
    throw new Error('no HS256 secret is configured (AUTH_JWT_SECRET): tokens come from the identity provider');
  }
  return mintToken(keys.hs256Secret, { sub: options.sub ?? osUser(), role: options.role, unit: options.unit, ttlSeconds });
}

function osUser(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}
