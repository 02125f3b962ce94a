import { MONTH_COLUMNS, yearAndMonthOf } from '#read-models';
import type { SqlClient } from '#event-store';
import { copyInto } from '../sql/copy-into.js';
import type { Column } from '../sql/unnest-upsert.js';
import { inKeyOrder } from './in-key-order.js';
import { toNumericText, type StatDelta } from './stats-accumulator.js';

interface YearSum {
  readonly unitId: string;
  readonly year: number;
  readonly pathVersion: number;
  readonly field: string;
  readonly metric: string;
  readonly months: number[];
}

const YEAR_COLUMNS: Column<YearSum>[] = [
  { name: 'unit_id', type: 'text', value: (s) => s.unitId },
  { name: 'year', type: 'integer', value: (s) => s.year },
  { name: 'path_version', type: 'integer', value: (s) => s.pathVersion },
  { name: 'field', type: 'text', value: (s) => s.field },
  { name: 'metric', type: 'text', value: (s) => s.metric },
  { name: 'total', type: 'numeric', value: (s) => toNumericText(s.months.reduce((a, b) => a + b, 0)) },
  ...MONTH_COLUMNS.map((name, month): Column<YearSum> => ({ name, type: 'numeric', value: (s) => toNumericText(s.months[month]!) })),
];

/**
 * A whole log's statistics summed in memory, one row per unit × year × path version ×
 * field × metric with its twelve months: the rows rm_year_stats ends up with, written once.
 */
export class YearSums {
  /** Keyed by unit first, like the table's primary key: see inKeyOrder. */
  private readonly sums = new Map<string, YearSum>();

  add(delta: StatDelta): void {
    const { year, month } = yearAndMonthOf(delta.day);
    const id = `${delta.unitId}\u0000${year}\u0000${delta.pathVersion}\u0000${delta.field}\u0000${delta.metric}`;
    let sum = this.sums.get(id);
    if (!sum) {
      sum = { unitId: delta.unitId, year, pathVersion: delta.pathVersion, field: delta.field, metric: delta.metric, months: new Array<number>(12).fill(0) };
      this.sums.set(id, sum);
    }
    sum.months[month - 1]! += delta.amount;
  }

  async write(tx: SqlClient): Promise<void> {
    await copyInto(tx, 'rm_year_stats', YEAR_COLUMNS, inKeyOrder(this.sums));
  }
}
