import { copyRows, copyText, CopyText, type CopyValue, type SqlClient } from '#event-store';
import type { Column } from './unnest-upsert.js';

/**
 * Fills a table a rebuild has emptied in the same transaction, by COPY of frozen rows (see
 * copyRows), rows mapped by the column list.
 */
export async function copyInto<Row>(tx: SqlClient, table: string, columns: readonly Column<Row>[], rows: Iterable<Row>): Promise<void> {
  const values = function* () {
    for (const row of rows) yield copyValues(columns, row);
  };
  await copyRows(tx, table, columnNames(columns), values(), { freeze: true });
}

/** Rows of a column list held as COPY text until written (see CopyText). */
export class HeldRows<Row> {
  private readonly text = new CopyText();

  constructor(private readonly columns: readonly Column<Row>[]) {}

  add(row: Row): void {
    this.text.write(copyValues(this.columns, row));
  }

  /** Adds rows of the same columns that another holder gave up as text (see take). */
  adopt(chunks: readonly Uint8Array[]): void {
    this.text.adopt(chunks);
  }

  /** The rows held so far as COPY text, which this holder gives up. */
  take(): Buffer[] {
    return this.text.take();
  }

  /** Writes them into a table emptied in the same transaction, as copyInto. */
  async copyInto(tx: SqlClient, table: string): Promise<void> {
    if (this.text.isEmpty()) return;
    await copyText(tx, table, columnNames(this.columns), this.text, { freeze: true });
  }
}

function columnNames<Row>(columns: readonly Column<Row>[]): string[] {
  return columns.map((column) => column.name);
}

function copyValues<Row>(columns: readonly Column<Row>[], row: Row): CopyValue[] {
  const values = new Array<CopyValue>(columns.length);
  for (let i = 0; i < columns.length; i++) values[i] = columns[i]!.value(row);
  return values;
}
