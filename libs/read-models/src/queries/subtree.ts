/**
 * The ids of a unit's current subtree (the unit itself included), as a subquery over the
 * closure table; `parameter` is the placeholder holding the unit id (`$2`, `:unitId`).
 * The unit itself is added explicitly, so the answer does not depend on whether the
 * closure table keeps depth-0 rows.
 */
export const subtreeIdsSql = (parameter: string): string =>
  `SELECT c.descendant_id FROM rm_unit_closure c WHERE c.ancestor_id = CAST(${parameter} AS text) ` +
  `UNION SELECT CAST(${parameter} AS text)`;

