import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGliteClient } from './pglite-pool.js';
import type { SqlClient } from './sql-pool.js';

export type CopyValue = string | number | boolean | null;

/** Characters COPY's text format gives a meaning to, escaped in values. */
const SPECIAL = /[\\\n\r\t]/g;
const HAS_SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// A rebuild writes ~15 M values: the common cases (a number, a string with nothing to
// escape) take no replace.
function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value;
}

/** Rows as COPY text lines, gathered into chunks of about 64 kB. */
function* copyChunks(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = copyText(row[0]!);
    for (let i = 1; i < row.length; i++) line += '\t' + copyText(row[i]!);
    chunk += line + '\n';
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

export interface CopyOptions {
  /**
   * Rows written already frozen and visible to all (no hint bits for the first readers to
   * set, visibility map filled): only into a table created or truncated in the same
   * transaction, which PostgreSQL checks.
   */
  readonly freeze?: boolean;
}

/**
 * Loads rows into a table with COPY, the fastest way in (about twice `INSERT … unnest`, see
 * STACK.md): streamed over the connection on a PostgreSQL server, through PGlite's
 * `/dev/blob` device in the embedded database. Runs in the caller's transaction.
 */
export async function copyRows(
  client: SqlClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
  options: CopyOptions = {},
): Promise<void> {
  const target = `${table} (${columns.join(', ')})`;
  const withOptions = options.freeze ? ' WITH (FREEZE)' : '';
  if (client instanceof PGliteClient) {
    await client.copyFromBlob(`COPY ${target} FROM '/dev/blob'${withOptions}`, new Blob([...copyChunks(rows)]));
    return;
  }
  const stream = (client as unknown as pg.PoolClient).query(copyFrom(`COPY ${target} FROM STDIN${withOptions}`));
  await pipeline(Readable.from(copyChunks(rows)), stream);
}
