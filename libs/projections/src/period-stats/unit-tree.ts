import type { DomainEventOf } from '#domain';
import type { SqlClient } from '#event-store';

/**
 * The unit tree as a closure table (every ancestor–descendant pair with its distance), so
 * a subtree sum is one join. A merge moves the merged unit's subtree under the unit it
 * merged into: statistics rows stay keyed by the recording unit and need no rewrite.
 */
export async function applyUnitRegistered(tx: SqlClient, unit: DomainEventOf<'UnitRegistered'>['data']): Promise<void> {
  await tx.query(
    `INSERT INTO rm_units (unit_id, name, kind, registered_parent_id, parent_id) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (unit_id) DO NOTHING`,
    [unit.unitId, unit.name, unit.kind, unit.parentId],
  );
  await tx.query(
    `INSERT INTO rm_unit_closure (ancestor_id, descendant_id, depth)
     SELECT ancestor_id, $1, depth + 1 FROM rm_unit_closure WHERE descendant_id = $2
     UNION ALL SELECT $1, $1, 0
     ON CONFLICT DO NOTHING`,
    [unit.unitId, unit.parentId],
  );
  await tx.query(
    `INSERT INTO rm_unit_path_closure (ancestor_id, descendant_id, path_version)
     SELECT ancestor_id, descendant_id, 0 FROM rm_unit_closure WHERE descendant_id = $1
     ON CONFLICT DO NOTHING`,
    [unit.unitId],
  );
}

export async function applyUnitMerged(tx: SqlClient, merge: DomainEventOf<'UnitMerged'>['data']): Promise<void> {
  await tx.query(
    `UPDATE rm_units SET merged_into = $2, parent_id = $2, merged_on = $3, merge_decision_no = $4 WHERE unit_id = $1`,
    [merge.unitId, merge.intoUnitId, merge.effectiveOn, merge.decisionNo ?? null],
  );
  // Detach the subtree from its old ancestors, then hang it under the new parent.
  await tx.query(
    `DELETE FROM rm_unit_closure
      WHERE descendant_id IN (SELECT descendant_id FROM rm_unit_closure WHERE ancestor_id = $1)
        AND ancestor_id NOT IN (SELECT descendant_id FROM rm_unit_closure WHERE ancestor_id = $1)`,
    [merge.unitId],
  );
  await tx.query(
    `INSERT INTO rm_unit_closure (ancestor_id, descendant_id, depth)
     SELECT above.ancestor_id, below.descendant_id, above.depth + below.depth + 1
       FROM rm_unit_closure above, rm_unit_closure below
      WHERE above.descendant_id = $2 AND below.ancestor_id = $1
     ON CONFLICT DO NOTHING`,
    [merge.unitId, merge.intoUnitId],
  );
  // Every unit of the moved subtree now has a new ancestor path: a new version of it, so
  // facts recorded from now on count under the new tree in the as-recorded view too.
  await tx.query(
    `UPDATE rm_units SET path_version = path_version + 1
      WHERE unit_id IN (SELECT descendant_id FROM rm_unit_closure WHERE ancestor_id = $1)`,
    [merge.unitId],
  );
  await tx.query(
    `INSERT INTO rm_unit_path_closure (ancestor_id, descendant_id, path_version)
     SELECT c.ancestor_id, c.descendant_id, u.path_version
       FROM rm_unit_closure c JOIN rm_units u ON u.unit_id = c.descendant_id
      WHERE c.descendant_id IN (SELECT descendant_id FROM rm_unit_closure WHERE ancestor_id = $1)
     ON CONFLICT DO NOTHING`,
    [merge.unitId],
  );
}

/** The current ancestor-path versions of the given units (absent: not registered yet). */
export async function loadPathVersions(tx: SqlClient, unitIds: readonly string[]): Promise<Map<string, number>> {
  if (unitIds.length === 0) return new Map();
  const { rows } = await tx.query<{ unit_id: string; path_version: number }>(
    'SELECT unit_id, path_version FROM rm_units WHERE unit_id = ANY($1::text[])',
    [unitIds],
  );
  return new Map(rows.map((row) => [row.unit_id, Number(row.path_version)]));
}
