import type { SqlClient } from '#event-store';
import { MONTH_COLUMNS } from '#read-models';
import { toNumericText, type MonthSum } from './stats-accumulator.js';

const KEY = 'unit_id, year, path_version, field, metric';

/**
 * Adds a batch's month sums into rm_year_stats in one statement. The sums travel as seven
 * flat arrays (one element per month that changed) and the database folds them into year
 * rows: sending each row's twelve months from here costs more than the fold.
 * `trim_scale` keeps every stored number in one form (0.5 - 0.5 is 0, not 0.0), so the
 * rows do not depend on how the events were cut into batches.
 */
const UPSERT_YEAR_STATS = `
  INSERT INTO rm_year_stats (${KEY}, total, ${MONTH_COLUMNS.join(', ')})
  SELECT ${KEY}, trim_scale(sum(amount)), ${MONTH_COLUMNS.map((_, i) => `trim_scale(COALESCE(sum(amount) FILTER (WHERE month = ${i + 1}), 0))`).join(', ')}
    FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::numeric[])
      AS d(year, month, unit_id, path_version, field, metric, amount)
   GROUP BY ${KEY}
   ORDER BY ${KEY}
  ON CONFLICT (${KEY}) DO UPDATE SET
    ${['total', ...MONTH_COLUMNS].map((column) => `${column} = trim_scale(rm_year_stats.${column} + EXCLUDED.${column})`).join(', ')}`;

export async function addMonthSums(tx: SqlClient, sums: readonly MonthSum[]): Promise<void> {
  if (sums.length === 0) return;
  await tx.query(UPSERT_YEAR_STATS, [
    sums.map((s) => s.year),
    sums.map((s) => s.month),
    sums.map((s) => s.unitId),
    sums.map((s) => s.pathVersion),
    sums.map((s) => s.field),
    sums.map((s) => s.metric),
    sums.map((s) => toNumericText(s.amount)),
  ]);
}
