import { copyRows, type CopyValue, type SqlClient } from '#event-store';
import type { Column } from './unnest-upsert.js';

/**
 * Fills a table a rebuild has emptied in the same transaction, by COPY of frozen rows (see
 * copyRows), rows mapped by the column list.
 */
export async function copyInto<Row>(tx: SqlClient, table: string, columns: readonly Column<Row>[], rows: Iterable<Row>): Promise<void> {
  const values = function* () {
    for (const row of rows) {
      const values = new Array<CopyValue>(columns.length);
      for (let i = 0; i < columns.length; i++) values[i] = columns[i]!.value(row);
      yield values;
    }
  };
  await copyRows(tx, table, columns.map((column) => column.name), values(), { freeze: true });
}
