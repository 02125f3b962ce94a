/**
 * A PostgreSQL log checkpoint: the (writing transaction id, position) of the last event
 * read. Reading order is by that pair, not by position alone, because positions come from
 * a sequence and can commit out of order.
 */
export interface PgCheckpoint {
  readonly txId: bigint;
  readonly position: bigint;
}

export const LOG_START: PgCheckpoint = { txId: -1n, position: -1n };

/**
 * The checkpoint's text. Its numbers may also be the server's own text of the two bigints
 * (canonical decimals): a rebuild then makes no BigInt of each of its million events' tx ids.
 */
export function formatCheckpoint(checkpoint: { readonly txId: bigint | string; readonly position: bigint | string }): string {
  return `${checkpoint.txId}:${checkpoint.position}`;
}

export function parseCheckpoint(text: string | undefined): PgCheckpoint {
  if (text === undefined || text === '') return LOG_START;
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a PostgreSQL log checkpoint: "${text}"`);
  return { txId: BigInt(match[1]!), position: BigInt(match[2]!) };
}

export function compareCheckpoints(a: PgCheckpoint, b: PgCheckpoint): number {
  if (a.txId !== b.txId) return a.txId < b.txId ? -1 : 1;
  if (a.position === b.position) return 0;
  return a.position < b.position ? -1 : 1;
}
