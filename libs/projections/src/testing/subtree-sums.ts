import type { SqlPool } from '#event-store';
import { SUM_COLUMNS } from '#read-models';
const KEY = 'unit_id, year, field, metric';

/**
 * The unit × year × field × metric sums where a unit's own rows plus its rm_subtree_stats
 * rows disagree with a sum of its current subtree's rows through the closure table (what a
 * subtree query read before rm_subtree_stats). Empty when the subtree rows are right. An
 * all-zero row on one side only (a merge leaves those on the ancestors a subtree left) is
 * not a disagreement.
 */
export async function subtreeSumDisagreements(pool: SqlPool): Promise<Record<string, unknown>[]> {
  const summed = (rows: string) => `SELECT ${KEY}, ${SUM_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM (${rows}) AS r GROUP BY ${KEY}`;
  const { rows } = await pool.query<Record<string, unknown>>(`
    WITH through_closure AS (${summed(`
      SELECT c.ancestor_id AS unit_id, s.year, s.field, s.metric, ${SUM_COLUMNS.map((col) => `s.${col}`).join(', ')}
        FROM rm_year_stats s JOIN rm_unit_closure c ON c.descendant_id = s.unit_id`)}
    ), kept AS (${summed(`
      SELECT unit_id, year, field, metric, ${SUM_COLUMNS.join(', ')} FROM rm_year_stats
       WHERE unit_id IN (SELECT descendant_id FROM rm_unit_closure)
      UNION ALL
      SELECT ancestor_id, year, field, metric, ${SUM_COLUMNS.join(', ')} FROM rm_subtree_stats`)})
    SELECT ${KEY.split(', ').map((k) => `COALESCE(t.${k}, k.${k}) AS ${k}`).join(', ')},
           t.total AS through_closure, k.total AS kept
      FROM through_closure t FULL JOIN kept k USING (${KEY})
     WHERE ${SUM_COLUMNS.map((c) => `COALESCE(t.${c}, 0) <> COALESCE(k.${c}, 0)`).join(' OR ')}
     ORDER BY 1, 2, 3, 4`);
  return rows;
}

/** How many rm_subtree_stats rows hold something other than zeros. */
export async function nonZeroSubtreeRows(pool: SqlPool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM rm_subtree_stats WHERE ${SUM_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')}`,
  );
  return Number(rows[0]!.n);
}
