import { JwtService } from '@nestjs/jwt';
import { principalFromClaims } from './principal.js';

export interface TokenRequest {
  readonly sub: string;
  readonly role: string;
  readonly unit?: string | undefined;
  readonly ttlSeconds: number;
}

/** The longest a minted token lives: a forgotten token should not outlast a year. */
export const MAX_TTL_SECONDS = 366 * 24 * 3600;
const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `30m`, `8h`, `7d` → seconds; undefined when malformed, zero or over a year. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (match === null) return undefined;
  const seconds = Number(match[1]) * TTL_UNITS[match[2]!]!;
  return seconds > 0 && seconds <= MAX_TTL_SECONDS ? seconds : undefined;
}

/**
 * An HS256 token for the configured secret. Its claims are checked by the same rules the
 * server applies, so a token that would be refused is never printed.
 */
export function mintToken(secret: string, request: TokenRequest, now: Date = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  const claims = {
    sub: request.sub,
    role: request.role,
    ...(request.unit === undefined ? {} : { unit: request.unit }),
    iat,
    exp: iat + request.ttlSeconds,
  };
  principalFromClaims(claims);
  return new JwtService().sign(claims, { secret, algorithm: 'HS256' });
}
