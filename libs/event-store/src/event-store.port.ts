/**
 * The event log as the application sees it. Adapters: PostgreSQL (server or PGlite) here,
 * EventStoreDB later. Positions are global and unique; checkpoints are opaque cursors
 * that only the adapter that produced them interprets.
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | bigint;

/** Whether a stream at `current` (its last revision, or none) meets the expectation. */
export function matchesExpectedRevision(expected: ExpectedRevision, current: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}

export interface EventMetadata {
  readonly [key: string]: unknown;
}

export interface EventToAppend {
  /** UUID; a retried append with the same ids writes nothing twice. */
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamName: string;
  /** 0-based revision of the event in its stream. */
  readonly revision: bigint;
  /** Global position: unique in the log; what a command's answer reports. */
  readonly position: bigint;
  /** Opaque cursor: reading the log `after` it resumes right behind this event. */
  readonly checkpoint: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/**
 * An event as a projection reads it (a read that names its `metadataKeys`): its place in
 * the log and what it says. The id, stream revision and recording time are left out: a
 * projection needs none of them, and at a million events they are a third of the read's cost.
 */
export type LoggedEvent = Pick<RecordedEvent, 'type' | 'streamName' | 'position' | 'checkpoint' | 'data' | 'metadata'> & {
  /** Set by readShare on an event of another share's stream, read for its type. */
  readonly otherShare?: true;
};

export interface AppendResult {
  /** Revision of the last event appended (the stream's revision afterwards). */
  readonly nextRevision: bigint;
  /** Global position of the last event appended. */
  readonly position: bigint;
  /** Checkpoint right behind the last event appended. */
  readonly checkpoint: string;
}

export interface ReadAllOptions {
  /** Start right after this checkpoint; omitted = from the beginning of the log. */
  readonly after?: string | undefined;
  readonly limit: number;
  /**
   * Only these keys of each event's metadata (see pickMetadata), for a reader that needs
   * few of them: a projection reads the schema version, not the actor or the hash chain.
   */
  readonly metadataKeys?: readonly string[];
}

export interface ProjectionReadOptions extends ReadAllOptions {
  readonly metadataKeys: readonly string[];
}

/** An event's metadata narrowed to `keys`; a key absent or null is left out. */
export function pickMetadata(metadata: EventMetadata, keys: readonly string[]): EventMetadata {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (metadata[key] !== undefined && metadata[key] !== null) picked[key] = metadata[key];
  return picked;
}

export interface SubscribeOptions {
  readonly after?: string | undefined;
  readonly batchSize: number;
  readonly signal?: AbortSignal;
  /** As for readAll. */
  readonly metadataKeys?: readonly string[];
}

export interface ProjectionSubscribeOptions extends SubscribeOptions {
  readonly metadataKeys: readonly string[];
}

/** A log another thread can open: the PostgreSQL store on a server. */
export interface StoreSource {
  readonly kind: 'postgres-server';
  readonly connectionString: string;
  /** The sessions' search_path, where the store lives in a schema of its own. */
  readonly schema?: string;
}

export interface RepeatedKeysQuery {
  readonly types: readonly string[];
  readonly dataKey: string;
  /** The last event searched: a checkpoint from `headCheckpoint`. */
  readonly through: string;
}

/**
 * One of `of` disjoint shares of the log's streams (index 0 to of - 1): every stream lies
 * in exactly one share, whole.
 */
export interface LogShare {
  readonly index: number;
  readonly of: number;
}

export interface ShareReadOptions extends ProjectionReadOptions {
  readonly share: LogShare;
  /**
   * Events of these types are read whatever share their stream lies in, marked
   * `otherShare` when it is not this one: what a reader of one share needs from the others.
   */
  readonly typesOfEveryShare: readonly string[];
  /** The last event to read: a checkpoint from `headCheckpoint`; past it a share reads []. */
  readonly through: string;
}

/** Each (stream, value) found more than once. */
export type RepeatedKeys = readonly (readonly [streamName: string, value: string])[];

export interface EventStore {
  append(streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Every event of a stream in revision order; [] when the stream does not exist. */
  readStream(streamName: string): Promise<RecordedEvent[]>;
  /** A page of the global log in order, never skipping an event that commits later. */
  readAll(options: ProjectionReadOptions): Promise<LoggedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Resolves once readAll can return every event committed before the call: a store whose
   * readAll holds back events behind still-running writers waits for them, up to
   * `timeoutMs`. Resolves false when that time ran out (some events may still be held back).
   */
  awaitCommittedReadable(timeoutMs: number): Promise<boolean>;
  /** Catch up from a checkpoint, then follow new events; ends when the signal aborts. */
  subscribeToAll(options: ProjectionSubscribeOptions): AsyncIterable<LoggedEvent[]>;
  subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent[]>;
  /**
   * Whether `checkpoint` lies strictly after `from` in reading order (`from` undefined: the
   * start of the log). Lets a reader drop an event delivered again after it was applied.
   */
  isAfter(checkpoint: string, from: string | undefined): boolean;
  /** Whether the event at `position` is at or before `checkpoint` in reading order. */
  isCovered(position: bigint, checkpoint: string | undefined): Promise<boolean>;
  /** How many events of the log lie after `checkpoint` (the lag of a reader). */
  countAfter(checkpoint: string | undefined): Promise<number>;
  /**
   * Optional, with `findRepeatedKeys`: the checkpoint of the last event readAll would return
   * now; undefined for an empty log. Every event up to it is there and stays as it is.
   */
  headCheckpoint?(): Promise<string | undefined>;
  /**
   * Optional, for a store that can answer it without handing over the events: among the
   * events up to `through`, those of `types`, and the pairs (stream, stored
   * `data[dataKey]`) that occur in more than one of them. A reader folding the log up to
   * `through` then knows which keys it will meet again.
   */
  findRepeatedKeys?(query: RepeatedKeysQuery): Promise<RepeatedKeys>;
  /**
   * Optional: a page of one share of the log (see LogShare), in the order of readAll, up to
   * `through`. Readers of the shares, side by side, together read every event up to
   * `through` once, plus the events of `typesOfEveryShare` once per share.
   */
  readShare?(options: ShareReadOptions): Promise<LoggedEvent[]>;
  /**
   * Optional: how another thread of this process opens this same log (a value it can be
   * sent), for readers of its shares; undefined where it cannot (one in-process database).
   */
  sourceForThreads?(): StoreSource | undefined;
  /** Throws when the store does not answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName}: expected revision ${String(expected)}, found ${String(actual)}`);
  }
}

/** An event id reused for different content or in another stream. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(readonly eventId: string, readonly detail: string) {
    super(`Event id ${eventId} already used: ${detail}`);
  }
}

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
