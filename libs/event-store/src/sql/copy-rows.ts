import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGliteClient } from './pglite-pool.js';
import type { SqlClient } from './sql-pool.js';

export type CopyValue = string | number | boolean | null;

/** Characters COPY's text format gives a meaning to, escaped in values. */
const SPECIAL = /[\\\n\r\t]/g;
const HAS_SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Rows are handed to the connection in chunks of about this many characters. */
const CHUNK_CHARS = 65_536;

// A rebuild writes ~15 M values: the common cases (a number, a string with nothing to
// escape) take no replace.
function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value;
}

function copyLine(row: readonly CopyValue[]): string {
  let line = copyText(row[0]!);
  for (let i = 1; i < row.length; i++) line += '\t' + copyText(row[i]!);
  return line + '\n';
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
 * One COPY into a table, fed a row at a time, for a writer that produces rows while it
 * does other work: on a PostgreSQL server the rows stream to the server as they come (it
 * loads them on its own core meanwhile), in PGlite they are sent at the end. The client
 * is busy with the COPY until `end` or `abort`.
 */
export interface CopyWriter {
  write(row: readonly CopyValue[]): void;
  /**
   * Resolves once the connection has taken what was written so far off the process's
   * hands (backpressure); rejects if the COPY failed.
   */
  drained(): Promise<void>;
  /** Sends the rest and finishes the COPY; rejects if it failed (a constraint, a type). */
  end(): Promise<void>;
  /** Abandons the COPY; the transaction is then aborted and can only roll back. */
  abort(reason: Error): Promise<void>;
}

/** Opens a COPY in the caller's transaction (about twice as fast as `INSERT … unnest`, see STACK.md). */
export function openCopy(client: SqlClient, table: string, columns: readonly string[], options: CopyOptions = {}): CopyWriter {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM ${client instanceof PGliteClient ? "'/dev/blob'" : 'STDIN'}${options.freeze ? ' WITH (FREEZE)' : ''}`;
  return client instanceof PGliteClient ? new BlobCopyWriter(client, sql) : new StreamingCopyWriter(client as unknown as pg.PoolClient, sql);
}

/** Loads rows into a table with one COPY in the caller's transaction. */
export async function copyRows(
  client: SqlClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
  options: CopyOptions = {},
): Promise<void> {
  const writer = openCopy(client, table, columns, options);
  try {
    let written = 0;
    for (const row of rows) {
      writer.write(row);
      if (++written % 1024 === 0) await writer.drained();
    }
  } catch (error) {
    await writer.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  await writer.end();
}

/** Text lines gathered into chunks, handed on by `flush`. */
abstract class ChunkingCopyWriter implements CopyWriter {
  private chunk = '';

  write(row: readonly CopyValue[]): void {
    this.chunk += copyLine(row);
    if (this.chunk.length >= CHUNK_CHARS) this.takeChunk();
  }

  protected takeChunk(): void {
    if (this.chunk.length === 0) return;
    this.flush(this.chunk);
    this.chunk = '';
  }

  protected abstract flush(chunk: string): void;
  abstract drained(): Promise<void>;
  abstract end(): Promise<void>;
  abstract abort(reason: Error): Promise<void>;
}

/** PGlite reads a COPY's input from its `/dev/blob` device, in one piece. */
class BlobCopyWriter extends ChunkingCopyWriter {
  private readonly chunks: string[] = [];

  constructor(
    private readonly client: PGliteClient,
    private readonly sql: string,
  ) {
    super();
  }

  protected flush(chunk: string): void {
    this.chunks.push(chunk);
  }

  drained(): Promise<void> {
    return Promise.resolve();
  }

  async end(): Promise<void> {
    this.takeChunk();
    await this.client.copyFromBlob(this.sql, new Blob(this.chunks));
  }

  async abort(): Promise<void> {
    this.chunks.length = 0;
  }
}

/** `COPY … FROM STDIN` over a node-postgres connection, as it is written. */
class StreamingCopyWriter extends ChunkingCopyWriter {
  private readonly stream: ReturnType<typeof copyFrom>;
  private failure: Error | undefined;

  constructor(client: pg.PoolClient, sql: string) {
    super();
    this.stream = client.query(copyFrom(sql));
    // Kept for the next drained() or end(): a failure must not go unhandled meanwhile.
    this.stream.on('error', (error: Error) => (this.failure ??= error));
  }

  protected flush(chunk: string): void {
    this.stream.write(chunk);
  }

  async drained(): Promise<void> {
    if (this.failure) throw this.failure;
    // once() also rejects when the stream fails meanwhile.
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    this.takeChunk();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  async abort(reason: Error): Promise<void> {
    // destroy() sends CopyFail and waits for the server's answer: the connection can
    // then roll back.
    this.stream.destroy(reason);
    await finished(this.stream).catch(() => undefined);
  }
}
