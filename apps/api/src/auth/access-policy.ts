import type { Role } from '#domain';

/** Who may call a route: anyone (no token needed) or the roles listed. */
export type RouteAccess = 'public' | readonly Role[];

const ADMIN: readonly Role[] = ['admin'];
/** Commands; an officer's are further limited to their unit subtree by the command executor. */
const WRITERS: readonly Role[] = ['admin', 'officer'];
/** Records one by one (a unit, a phase, a model, an award). */
const RECORD_READERS: readonly Role[] = ['admin', 'officer', 'auditor'];
/** Statistics and lists: every role. */
const EVERYONE: readonly Role[] = ['admin', 'officer', 'auditor', 'reader'];
/** The log itself: replay, export, verification, refusals. */
const AUDITORS: readonly Role[] = ['admin', 'auditor'];

/**
 * The one table of who may call what, keyed by method and route pattern. The access guard
 * refuses a route missing here (403), so a new controller is closed until it is listed;
 * a test checks that every route of the app is.
 */
export const ACCESS_POLICY: Readonly<Record<string, RouteAccess>> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': ADMIN,

  'POST /v1/units': WRITERS,
  'POST /v1/units/:unitId/merge': WRITERS,
  // A phase is tree-wide: no officer's subtree covers it.
  'POST /v1/phases': ADMIN,
  'POST /v1/models': WRITERS,
  'POST /v1/models/:modelId/recognitions': WRITERS,
  'POST /v1/models/:modelId/withdrawal': WRITERS,
  'POST /v1/awards': WRITERS,
  'POST /v1/awards/:awardId/revocation': WRITERS,
  'POST /v1/workdays': WRITERS,
  'POST /v1/contributions': WRITERS,
  'POST /v1/entries/:entryId/void': WRITERS,

  'GET /v1/stats': EVERYONE,
  'GET /v1/stats/series': EVERYONE,
  'GET /v1/phases': EVERYONE,
  'GET /v1/models': EVERYONE,
  'GET /v1/awards': EVERYONE,
  'GET /v1/units/:unitId': RECORD_READERS,
  'GET /v1/phases/:phaseId': RECORD_READERS,
  'GET /v1/models/:modelId': RECORD_READERS,
  'GET /v1/awards/:awardId': RECORD_READERS,

  'GET /v1/audit/streams/:stream': AUDITORS,
  'GET /v1/audit/awards': AUDITORS,
  'GET /v1/audit/export': AUDITORS,
  'GET /v1/audit/verify': AUDITORS,
  'GET /v1/audit/refusals': AUDITORS,

  'POST /v1/admin/rebuilds': ADMIN,
  'GET /v1/admin/rebuilds/:rebuildId': ADMIN,
  'GET /v1/admin/projections': ADMIN,
};

/** Whether `role` may call the route; an unlisted route is nobody's. */
export function mayCall(routeKey: string, role: Role): boolean {
  const access = ACCESS_POLICY[routeKey];
  return access !== undefined && access !== 'public' && access.includes(role);
}

export function isPublic(routeKey: string): boolean {
  return ACCESS_POLICY[routeKey] === 'public';
}
