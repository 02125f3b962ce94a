import { ID_PATTERN, isRole, writeScopeOf, type Role, type WriteScope } from '#domain';

/** The authenticated caller, from a verified token's claims. */
export interface Principal {
  /** The `sub` claim: who acted, as recorded in every event's metadata. */
  readonly sub: string;
  readonly role: Role;
  /** The `unit` claim: an officer's subtree. */
  readonly unit: string | undefined;
  readonly scope: WriteScope;
}

export class InvalidClaimsError extends Error {
  override readonly name = 'InvalidClaimsError';
}

const MAX_SUBJECT_LENGTH = 200;

/**
 * Checks the claims of a token whose signature is already verified: a subject, a known
 * role, and a unit for an officer (an officer without one could write nowhere, which is
 * a mistake in the token, not a scope).
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, role, unit } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) {
    throw new InvalidClaimsError('the token has no valid sub claim');
  }
  if (!isRole(role)) throw new InvalidClaimsError('the token has no known role claim');
  if (unit !== undefined && (typeof unit !== 'string' || !ID_PATTERN.test(unit))) {
    throw new InvalidClaimsError('the unit claim is not a unit id');
  }
  if (role === 'officer' && unit === undefined) throw new InvalidClaimsError('an officer token needs a unit claim');
  if (typeof claims['exp'] !== 'number') throw new InvalidClaimsError('the token has no expiry (exp claim)');
  return { sub, role, unit, scope: writeScopeOf(role, unit) };
}
