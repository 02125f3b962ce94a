import type { SqlClient } from '#event-store';
import { MONTH_COLUMNS, SUM_COLUMNS } from '#read-models';
import { toNumericText, type MonthSum } from './stats-accumulator.js';

const OWN_KEY = 'unit_id, year, path_version, field, metric';
/** rm_subtree_stats' primary key. */
export const SUBTREE_KEY = 'ancestor_id, year, field, metric';

/** `total, m01 … m12` of grouped rows of `amount` per `month`. */
const MONTH_SUMS = `trim_scale(sum(amount)), ${MONTH_COLUMNS.map((_, i) => `trim_scale(COALESCE(sum(amount) FILTER (WHERE month = ${i + 1}), 0))`).join(', ')}`;

/** Adds the incoming row's sums into the stored row's: `ON CONFLICT (key) DO UPDATE SET …`. */
export const addOnConflict = (table: string, key: string): string =>
  `ON CONFLICT (${key}) DO UPDATE SET ${SUM_COLUMNS.map((column) => `${column} = trim_scale(${table}.${column} + EXCLUDED.${column})`).join(', ')}`;

/**
 * Adds a batch's month sums into rm_year_stats (at the recording unit) and rm_subtree_stats
 * (at each of its current strict ancestors) in one statement. The sums travel as seven flat
 * arrays (one element per month that changed) and the database folds them into year rows:
 * sending each row's twelve months from here costs more than the fold.
 * `trim_scale` keeps every stored number in one form (0.5 - 0.5 is 0, not 0.0), so the
 * rows do not depend on how the events were cut into batches.
 */
const UPSERT_MONTH_SUMS = `
  WITH d AS (
    SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::numeric[])
      AS d(year, month, unit_id, path_version, field, metric, amount)
  ), own AS (
    INSERT INTO rm_year_stats (${OWN_KEY}, ${SUM_COLUMNS.join(', ')})
    SELECT ${OWN_KEY}, ${MONTH_SUMS} FROM d GROUP BY ${OWN_KEY} ORDER BY ${OWN_KEY}
    ${addOnConflict('rm_year_stats', OWN_KEY)}
  )
  INSERT INTO rm_subtree_stats (${SUBTREE_KEY}, ${SUM_COLUMNS.join(', ')})
  SELECT c.ancestor_id, d.year, d.field, d.metric, ${MONTH_SUMS}
    FROM d JOIN rm_unit_closure c ON c.descendant_id = d.unit_id AND c.depth > 0
   GROUP BY c.ancestor_id, d.year, d.field, d.metric
   ORDER BY c.ancestor_id, d.year, d.field, d.metric
  ${addOnConflict('rm_subtree_stats', SUBTREE_KEY)}`;

export async function addMonthSums(tx: SqlClient, sums: readonly MonthSum[]): Promise<void> {
  if (sums.length === 0) return;
  await tx.query(UPSERT_MONTH_SUMS, [
    sums.map((s) => s.year),
    sums.map((s) => s.month),
    sums.map((s) => s.unitId),
    sums.map((s) => s.pathVersion),
    sums.map((s) => s.field),
    sums.map((s) => s.metric),
    sums.map((s) => toNumericText(s.amount)),
  ]);
}
