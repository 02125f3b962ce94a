import type { DomainEventOf } from '#domain';
import type { SqlClient } from '#event-store';
import { SUM_COLUMNS } from '#read-models';
import { upsertRows } from '../sql/unnest-upsert.js';
import { addOnConflict, SUBTREE_KEY } from './year-stats-upsert.js';
import { CLOSURE_COLUMNS, PATH_COLUMNS, registeredUnit, UNIT_COLUMNS, type ClosureRow, type PathRow } from './unit-tree-rows.js';

/**
 * The unit tree as a closure table (every ancestor–descendant pair with its distance), so
 * a subtree sum is one join. A merge moves the merged unit's subtree under the unit it
 * merged into: statistics rows stay keyed by the recording unit and need no rewrite.
 */
type UnitRegistration = DomainEventOf<'UnitRegistered'>['data'];

const IGNORE = { kind: 'ignore' } as const;

/**
 * Registrations wait here and are written together (a national tree is thousands of
 * units): one statement per table instead of three per unit. Flush before anything that
 * reads the tree in the database (a merge) and at the end of the batch.
 */
export class PendingUnitRegistrations {
  private readonly pending: UnitRegistration[] = [];

  add(unit: UnitRegistration): void {
    this.pending.push(unit);
  }

  async flush(tx: SqlClient): Promise<void> {
    if (this.pending.length === 0) return;
    const units = await firstRegistrations(tx, this.pending.splice(0));
    if (units.length === 0) return;
    const registeredHere = new Set(units.map((u) => u.unitId));
    const parentsInDatabase = [...new Set(units.flatMap((u) => (u.parentId && !registeredHere.has(u.parentId) ? [u.parentId] : [])))];
    const ancestors = new Map<string, { id: string; depth: number }[]>();
    if (parentsInDatabase.length > 0) {
      const { rows } = await tx.query<{ ancestor_id: string; descendant_id: string; depth: number }>(
        'SELECT ancestor_id, descendant_id, depth FROM rm_unit_closure WHERE descendant_id = ANY($1::text[])',
        [parentsInDatabase],
      );
      for (const row of rows) {
        const list = ancestors.get(row.descendant_id) ?? [];
        list.push({ id: row.ancestor_id, depth: Number(row.depth) });
        ancestors.set(row.descendant_id, list);
      }
    }
    const closure: ClosureRow[] = [];
    for (const unit of units) {
      // A unit's ancestors: itself, then its parent's ancestors one step further away.
      const own = [{ id: unit.unitId, depth: 0 }, ...(unit.parentId ? (ancestors.get(unit.parentId) ?? []) : []).map((a) => ({ id: a.id, depth: a.depth + 1 }))];
      ancestors.set(unit.unitId, own);
      for (const ancestor of own) closure.push({ ancestorId: ancestor.id, descendantId: unit.unitId, depth: ancestor.depth });
    }
    await upsertRows(tx, 'rm_units', UNIT_COLUMNS, ['unit_id'], IGNORE, units.map(registeredUnit));
    await upsertRows(tx, 'rm_unit_closure', CLOSURE_COLUMNS, ['ancestor_id', 'descendant_id'], IGNORE, closure);
    const paths = closure.map(({ ancestorId, descendantId }): PathRow => ({ ancestorId, descendantId, pathVersion: 0 }));
    await upsertRows(tx, 'rm_unit_path_closure', PATH_COLUMNS, ['ancestor_id', 'descendant_id', 'path_version'], IGNORE, paths);
    await tx.query(JOIN_ANCESTOR_SUMS, [[...registeredHere]]);
  }
}

/**
 * The registrations that register a unit: a unit registered again (earlier in the log, or
 * earlier in the batch) keeps its place, its ancestors and its sums, as the rebuild's tree does.
 */
async function firstRegistrations(tx: SqlClient, registrations: readonly UnitRegistration[]): Promise<UnitRegistration[]> {
  const ids = [...new Set(registrations.map((unit) => unit.unitId))];
  const { rows } = await tx.query<{ unit_id: string }>('SELECT unit_id FROM rm_units WHERE unit_id = ANY($1::text[])', [ids]);
  const seen = new Set(rows.map((row) => row.unit_id));
  const first: UnitRegistration[] = [];
  for (const unit of registrations) {
    if (seen.has(unit.unitId)) continue;
    seen.add(unit.unitId);
    first.push(unit);
  }
  return first;
}

/**
 * A unit's facts recorded before it was registered (only an imported log has them: the
 * commands refuse facts about a unit not registered) join its new ancestors' subtree sums
 * when it is: the subtree rows then always hold what the closure table gives, however the
 * log was cut into batches, as a rebuild sums them (see EndOfLogSubtreeSums). The facts of
 * the batch still pending are added with the batch's other sums, after this.
 */
const JOIN_ANCESTOR_SUMS = `
  INSERT INTO rm_subtree_stats (${SUBTREE_KEY}, ${SUM_COLUMNS.join(', ')})
  SELECT c.ancestor_id, y.year, y.field, y.metric, ${SUM_COLUMNS.map((column) => `trim_scale(sum(y.${column}))`).join(', ')}
    FROM rm_year_stats y JOIN rm_unit_closure c ON c.descendant_id = y.unit_id AND c.depth > 0
   WHERE y.unit_id = ANY($1::text[])
   GROUP BY c.ancestor_id, y.year, y.field, y.metric
   ORDER BY c.ancestor_id, y.year, y.field, y.metric
  ${addOnConflict('rm_subtree_stats', SUBTREE_KEY)}`;

/**
 * Before a merge moves a subtree, its sums (the merged unit's own rows and its subtree rows)
 * leave the subtree rows of the ancestors it loses and join those of the ancestors it gains;
 * ancestors it keeps (the root, say) are left alone. A merged unit that is not in the tree
 * moves nothing, as the closure statements below.
 */
const MOVE_SUBTREE_SUMS = `
  WITH moved AS (
    SELECT year, field, metric, ${SUM_COLUMNS.map((column) => `sum(${column}) AS ${column}`).join(', ')}
      FROM (SELECT year, field, metric, ${SUM_COLUMNS.join(', ')} FROM rm_year_stats WHERE unit_id = $1
            UNION ALL
            SELECT year, field, metric, ${SUM_COLUMNS.join(', ')} FROM rm_subtree_stats WHERE ancestor_id = $1) AS subtree
     GROUP BY year, field, metric
  ), losing AS (
    SELECT ancestor_id FROM rm_unit_closure WHERE descendant_id = $1 AND depth > 0
  ), gaining AS (
    SELECT ancestor_id FROM rm_unit_closure
     WHERE descendant_id = $2 AND EXISTS (SELECT 1 FROM rm_unit_closure WHERE descendant_id = $1 AND ancestor_id = $1)
  ), shift AS (
    SELECT ancestor_id, -1 AS sign FROM losing WHERE ancestor_id NOT IN (SELECT ancestor_id FROM gaining)
    UNION ALL
    SELECT ancestor_id, 1 AS sign FROM gaining WHERE ancestor_id NOT IN (SELECT ancestor_id FROM losing)
  )
  INSERT INTO rm_subtree_stats (${SUBTREE_KEY}, ${SUM_COLUMNS.join(', ')})
  SELECT s.ancestor_id, m.year, m.field, m.metric, ${SUM_COLUMNS.map((column) => `trim_scale(s.sign * m.${column})`).join(', ')}
    FROM shift s CROSS JOIN moved m
   ORDER BY s.ancestor_id, m.year, m.field, m.metric
  ${addOnConflict('rm_subtree_stats', SUBTREE_KEY)}`;

/**
 * Applies a merge; returns the new ancestor-path versions of the units it moved. The
 * caller writes its pending statistics first: the subtree sums moved are the stored ones.
 */
export async function applyUnitMerged(tx: SqlClient, merge: DomainEventOf<'UnitMerged'>['data']): Promise<Map<string, number>> {
  await tx.query(MOVE_SUBTREE_SUMS, [merge.unitId, merge.intoUnitId]);
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
  const { rows: moved } = await tx.query<{ unit_id: string; path_version: number }>(
    `UPDATE rm_units SET path_version = path_version + 1
      WHERE unit_id IN (SELECT descendant_id FROM rm_unit_closure WHERE ancestor_id = $1)
      RETURNING unit_id, path_version`,
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
  return new Map(moved.map((row) => [row.unit_id, Number(row.path_version)]));
}

/** The unit and its current descendants. */
export async function subtreeOf(tx: SqlClient, unitId: string): Promise<string[]> {
  const { rows } = await tx.query<{ descendant_id: string }>('SELECT descendant_id FROM rm_unit_closure WHERE ancestor_id = $1', [unitId]);
  return rows.map((row) => row.descendant_id);
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
