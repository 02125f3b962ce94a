import { MONTH_COLUMNS, yearAndMonthOf } from '#read-models';
import type { SqlClient } from '#event-store';
import { copyInto } from '../sql/copy-into.js';
import type { Column } from '../sql/unnest-upsert.js';
import { inKeyOrder } from './in-key-order.js';
import { toNumericText, type StatDelta } from './stats-accumulator.js';

const SEPARATOR = '\u0000';

/** One row of rm_year_stats as written: its key parts and where its twelve months lie. */
interface YearRow {
  readonly key: readonly string[];
  readonly slot: number;
}

/**
 * A whole log's statistics summed in memory, one row per unit × year × path version ×
 * field × metric with its twelve months: the rows rm_year_stats ends up with, written once.
 * Hundreds of thousands of rows: each is only its key (unit first, like the table's
 * primary key) and a slot of twelve months in one growing array, no object per row.
 */
export class YearSums {
  private readonly slots = new Map<string, number>();
  private months = new Float64Array(12 * 4096);

  add(delta: StatDelta): void {
    const { year, month } = yearAndMonthOf(delta.day);
    const key = `${delta.unitId}${SEPARATOR}${year}${SEPARATOR}${delta.pathVersion}${SEPARATOR}${delta.field}${SEPARATOR}${delta.metric}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(key, slot);
      if (12 * (slot + 1) > this.months.length) this.grow();
    }
    this.months[12 * slot + month - 1]! += delta.amount;
  }

  async write(tx: SqlClient): Promise<void> {
    const rows = inKeyOrder(this.slots, (key, slot): YearRow => ({ key: key.split(SEPARATOR), slot }));
    await copyInto(tx, 'rm_year_stats', this.columns(), rows);
  }

  private columns(): Column<YearRow>[] {
    const month = (row: YearRow, index: number) => this.months[12 * row.slot + index]!;
    return [
      { name: 'unit_id', type: 'text', value: (row) => row.key[0]! },
      { name: 'year', type: 'integer', value: (row) => row.key[1]! },
      { name: 'path_version', type: 'integer', value: (row) => row.key[2]! },
      { name: 'field', type: 'text', value: (row) => row.key[3]! },
      { name: 'metric', type: 'text', value: (row) => row.key[4]! },
      { name: 'total', type: 'numeric', value: (row) => toNumericText(MONTH_COLUMNS.reduce((sum, _, i) => sum + month(row, i), 0)) },
      ...MONTH_COLUMNS.map((name, i): Column<YearRow> => ({ name, type: 'numeric', value: (row) => toNumericText(month(row, i)) })),
    ];
  }

  private grow(): void {
    const larger = new Float64Array(this.months.length * 2);
    larger.set(this.months);
    this.months = larger;
  }
}
