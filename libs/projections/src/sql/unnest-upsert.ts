import type { SqlClient } from '#event-store';

export interface Column<Row> {
  readonly name: string;
  /** The PostgreSQL type of the column (the array parameter is cast to `type[]`). */
  readonly type: 'text' | 'date' | 'numeric' | 'bigint' | 'boolean' | 'integer';
  readonly value: (row: Row) => string | number | boolean | null;
}

export type OnConflict =
  | { readonly kind: 'replace' }
  /** Keeps the stored row: replaying an event already applied changes nothing. */
  | { readonly kind: 'ignore' };

/**
 * Writes many rows in one statement: each column travels as one array parameter and
 * `unnest` turns them back into rows (~20x faster than a statement per row). Callers
 * aggregate first: ON CONFLICT cannot touch the same row twice in one statement.
 */
export async function upsertRows<Row>(
  tx: SqlClient,
  table: string,
  columns: readonly Column<Row>[],
  key: readonly string[],
  onConflict: OnConflict,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((column) => column.name).join(', ');
  const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const update = columns
    .filter((column) => !key.includes(column.name))
    .map((column) => `${column.name} = EXCLUDED.${column.name}`)
    .join(', ');
  const action = onConflict.kind === 'ignore' ? 'DO NOTHING' : `DO UPDATE SET ${update}`;
  await tx.query(
    `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})
     ON CONFLICT (${key.join(', ')}) ${action}`,
    columns.map((column) => rows.map(column.value)),
  );
}

