import { MONTH_COLUMNS } from '#read-models';
import type { SqlClient } from '#event-store';
import { copyInto } from '../sql/copy-into.js';
import type { Column } from '../sql/unnest-upsert.js';
import { toNumericText } from './stats-accumulator.js';

const SEPARATOR = '\u0000';

/** A key column of the table, in primary-key order; the first is the row's owner (a unit). */
export interface KeyColumn {
  readonly name: string;
  readonly type: 'text' | 'integer';
}

/** One row as written: its owner, the key parts after it, and where its twelve months lie. */
interface SlotRow {
  readonly owner: string;
  readonly rest: readonly string[];
  readonly slot: number;
}

/** A stored row of one owner: the key parts after the owner, and a view of its months. */
export interface OwnedRow {
  readonly rest: readonly string[];
  readonly months: Float64Array;
}

/** The key parts after the owner, as `add` takes them. */
export function keyRest(...parts: readonly (string | number)[]): string {
  // Built by concatenation, not join: a fact builds two of these (~2 M a rebuild).
  let key = String(parts[0]);
  for (let i = 1; i < parts.length; i++) key += SEPARATOR + parts[i]!;
  return key;
}

/**
 * A whole log's statistics summed in memory for one table of year rows (rm_year_stats,
 * rm_subtree_stats): one row per key with its twelve months, the rows the table ends up
 * with, written once. Hundreds of thousands of rows: each is only its key (owner first,
 * like the table's primary key) and a slot of twelve months in one growing array, no
 * object per row.
 */
export class MonthSumRows {
  /**
   * owner → the key after the owner → slot. Two levels: a fact adds the same key after the
   * owner at each of its unit's ancestors, and a merge reads the merged unit's rows.
   */
  private readonly slots = new Map<string, Map<string, number>>();
  private size = 0;
  private months = new Float64Array(12 * 4096);

  constructor(
    private readonly table: string,
    private readonly keyColumns: readonly KeyColumn[],
  ) {}

  /** Adds `amount` to month 1-12 of the row `owner` × `rest` (see keyRest). */
  add(owner: string, rest: string, month: number, amount: number): void {
    const slot = this.slotOf(owner, rest); // first: it may replace this.months with a larger array
    this.months[12 * slot + month - 1]! += amount;
  }

  /** Adds `sign` × each of twelve months to the row `owner` × `rest`. */
  addMonths(owner: string, rest: string, months: ArrayLike<number>, sign: 1 | -1): void {
    const start = 12 * this.slotOf(owner, rest);
    for (let i = 0; i < 12; i++) this.months[start + i]! += sign * months[i]!;
  }

  *rowsOf(owner: string): Generator<OwnedRow> {
    for (const [rest, slot] of this.slots.get(owner) ?? []) {
      yield { rest: rest.split(SEPARATOR), months: this.months.subarray(12 * slot, 12 * slot + 12) };
    }
  }

  async write(tx: SqlClient): Promise<void> {
    await copyInto(tx, this.table, this.columns(), this.inOwnerOrder());
  }

  /** The owners in order, each one's rows as they came: the order, and why, of inKeyOrder's `ownerOf` (in-key-order.ts). */
  private *inOwnerOrder(): Generator<SlotRow> {
    for (const owner of [...this.slots.keys()].sort()) {
      for (const [rest, slot] of this.slots.get(owner)!) yield { owner, rest: rest.split(SEPARATOR), slot };
    }
  }

  private slotOf(owner: string, rest: string): number {
    let rows = this.slots.get(owner);
    if (rows === undefined) this.slots.set(owner, (rows = new Map()));
    let slot = rows.get(rest);
    if (slot === undefined) {
      slot = this.size++;
      rows.set(rest, slot);
      if (12 * this.size > this.months.length) this.grow();
    }
    return slot;
  }

  private columns(): Column<SlotRow>[] {
    const month = (row: SlotRow, index: number) => this.months[12 * row.slot + index]!;
    return [
      ...this.keyColumns.map(
        (column, i): Column<SlotRow> => ({ name: column.name, type: column.type, value: i === 0 ? (row) => row.owner : (row) => row.rest[i - 1]! }),
      ),
      { name: 'total', type: 'numeric', value: (row) => toNumericText(MONTH_COLUMNS.reduce((sum, _, i) => sum + month(row, i), 0)) },
      ...MONTH_COLUMNS.map((name, i): Column<SlotRow> => ({ name, type: 'numeric', value: (row) => toNumericText(month(row, i)) })),
    ];
  }

  private grow(): void {
    const larger = new Float64Array(this.months.length * 2);
    larger.set(this.months);
    this.months = larger;
  }
}
