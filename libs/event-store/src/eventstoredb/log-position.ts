/**
 * Where an event sits in EventStoreDB's transaction log: the position of the record that
 * committed it and of its own (prepare) record. `$all` is ordered by the pair.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What servers before 22.6 report as the position of an event read from a stream. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

/**
 * The port's `position` of an event: its commit position.
 *
 * Every append over gRPC is written as self-committing prepare records (no separate commit
 * record), so each event's commit position equals its prepare position, the offset of its
 * own record in the log: unique per event, and in `$all` order. Only events of the legacy
 * TCP explicit transactions, which this adapter never writes, share a commit position; the
 * checkpoint keeps both numbers, so reading resumes exactly even behind those.
 */
export function globalPosition(position: LogPosition): bigint {
  return position.commit;
}

export function isKnownPosition(position: LogPosition | undefined): position is LogPosition {
  return position !== undefined && position.commit !== UNKNOWN_POSITION && position.prepare !== UNKNOWN_POSITION;
}

export function formatLogCheckpoint(position: LogPosition): string {
  return `${position.commit}/${position.prepare}`;
}

/** `undefined` (or '') means the start of the log. */
export function parseLogCheckpoint(text: string | undefined): LogPosition | undefined {
  if (text === undefined || text === '') return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not an EventStoreDB log checkpoint: "${text}"`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare === b.prepare) return 0;
  return a.prepare < b.prepare ? -1 : 1;
}

/** Whether `position` lies strictly after `from` (the start of the log when undefined). */
export function isAfter(position: LogPosition, from: LogPosition | undefined): boolean {
  return from === undefined || compareLogPositions(position, from) > 0;
}

/**
 * Whether the event at global position `position` is at or before `checkpoint`. Exact for
 * self-committed events (commit = prepare). A checkpoint inside a legacy transaction
 * (prepare < commit) covers that transaction's events only once it has moved past it:
 * never "covered" too early, which is what a read-your-writes wait needs.
 */
export function coversPosition(checkpoint: LogPosition | undefined, position: bigint): boolean {
  if (checkpoint === undefined) return false;
  if (position !== checkpoint.commit) return position < checkpoint.commit;
  return checkpoint.prepare >= checkpoint.commit;
}
