import { EventEmitter } from 'node:events';
import { matchesExpectedRevision, type ExpectedRevision } from '#event-store';

/**
 * The transaction log of the EventStoreDB test double, with the server's semantics as seen
 * through its gRPC API: streams with revisions from 0, one global log whose positions grow
 * with the size of the records, self-committed events (commit = prepare position), expected
 * revision checks, and idempotent appends recognised by event ids within a stream.
 */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Commit and prepare position alike: every event here commits itself. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  readonly createdTicks: bigint;
}

/** EventStoreDB's expected states are the port's expected revisions. */
export type ExpectedState = ExpectedRevision;

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint | 'no_stream' };

/** Where the first record lies: a real log starts with its own epoch and system records. */
const FIRST_POSITION = 1_000n;
/** Bytes of a record besides its payload, so positions are spread out like real offsets. */
const RECORD_OVERHEAD = 120n;
const TICKS_PER_MS = 10_000n;

export class InMemoryLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly appended = new EventEmitter();
  private nextPosition = FIRST_POSITION;

  constructor() {
    this.appended.setMaxListeners(0);
  }

  append(streamName: string, proposed: readonly ProposedEvent[], expected: ExpectedState): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const retried = this.findRetry(stream, proposed, expected);
    if (retried === 'conflict') return { kind: 'wrong_expected_version', current };
    if (retried) return { kind: 'success', currentRevision: retried.revision, position: retried.position };
    if (!matchesExpectedRevision(expected, current) || proposed.length === 0) return { kind: 'wrong_expected_version', current };
    const createdTicks = BigInt(Date.now()) * TICKS_PER_MS;
    const written = proposed.map((event, index): LoggedEvent => {
      const position = this.nextPosition;
      this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length + streamName.length);
      return { ...event, streamName, revision: BigInt(stream.length + index), position, createdTicks };
    });
    stream.push(...written);
    this.streams.set(streamName, stream);
    this.all.push(...written);
    for (const event of written) this.appended.emit('event', event);
    const last = written[written.length - 1]!;
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  /** Undefined when the stream does not exist. */
  stream(streamName: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** The whole log in order, system events included. */
  events(): readonly LoggedEvent[] {
    return this.all;
  }

  /** Events at or after `position`: a forward read of `$all` includes the event at its start. */
  fromPosition(position: bigint): readonly LoggedEvent[] {
    return this.all.slice(this.indexAtOrAfter(position));
  }

  /** Events strictly after `position`: where a subscription from a position starts. */
  afterPosition(position: bigint): readonly LoggedEvent[] {
    return this.all.slice(this.indexAtOrAfter(position + 1n));
  }

  /** The position just past the last record: where a subscription "from the end" starts. */
  headPosition(): bigint {
    return this.nextPosition - 1n;
  }

  onEvent(listener: (event: LoggedEvent) => void): () => void {
    this.appended.on('event', listener);
    return () => this.appended.off('event', listener);
  }

  /**
   * The original write when these ids were appended before at the place the expected
   * revision names (or anywhere, for 'any' and 'stream_exists'); 'conflict' when only some
   * of them were. EventStoreDB keeps this check per stream, so ids used in another stream
   * are a new write.
   */
  private findRetry(stream: readonly LoggedEvent[], proposed: readonly ProposedEvent[], expected: ExpectedState): LoggedEvent | 'conflict' | undefined {
    const first = proposed[0];
    if (!first) return undefined;
    const start =
      typeof expected === 'bigint' ? Number(expected) + 1 : expected === 'no_stream' ? 0 : stream.findIndex((event) => event.id === first.id);
    if (start < 0 || stream[start]?.id !== first.id) return undefined;
    const original = proposed.map((event, index) => stream[start + index]);
    if (original.some((event, index) => event?.id !== proposed[index]!.id)) return 'conflict';
    return original[original.length - 1];
  }

  private indexAtOrAfter(position: bigint): number {
    const index = this.all.findIndex((event) => event.position >= position);
    return index < 0 ? this.all.length : index;
  }
}

