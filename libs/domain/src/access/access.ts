/**
 * Who may do what: the roles of API.md and the unit scope of an officer. Pure data and
 * functions; the HTTP guard and the command executor apply them.
 */
export const ROLES = ['admin', 'officer', 'auditor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The units a caller may write to: every unit (admin), or one unit and everything below
 * it in the current tree (officer).
 */
export type WriteScope =
  | { readonly kind: 'everything' }
  | { readonly kind: 'subtree'; readonly unitId: string }
  | { readonly kind: 'nothing' };

export const WHOLE_TREE: WriteScope = { kind: 'everything' };
export const NO_UNITS: WriteScope = { kind: 'nothing' };

/** The write scope a role grants: admins the whole tree, officers their unit's subtree, others none. */
export function writeScopeOf(role: Role, unitId: string | undefined): WriteScope {
  if (role === 'admin') return WHOLE_TREE;
  if (role === 'officer' && unitId !== undefined) return { kind: 'subtree', unitId };
  return NO_UNITS;
}

/**
 * Whether `unitId` lies in `scope`, given the unit's ancestors in the current tree
 * (nearest first, merged units followed to their successor). `null` stands for "no unit
 * above": a new top-level unit or a tree-wide fact (a phase), which only the whole tree covers.
 */
export function isWithinScope(scope: WriteScope, unitId: string | null, ancestorIds: readonly string[]): boolean {
  if (scope.kind === 'everything') return true;
  if (scope.kind === 'nothing' || unitId === null) return false;
  return unitId === scope.unitId || ancestorIds.includes(scope.unitId);
}
