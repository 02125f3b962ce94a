import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import {
  StoreUnavailableError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../event-store.port.js';
import { isApplicationEvent, toEventData, toRecordedEvent } from './event-mapping.js';
import { DEFAULT_RESUBSCRIBE, followAll, type ResubscribeOptions } from './follow-all.js';
import {
  coversPosition,
  formatLogCheckpoint,
  globalPosition,
  isAfter,
  isKnownPosition,
  parseLogCheckpoint,
  type LogPosition,
} from './log-position.js';
import { toAppendError, toStoreError } from './store-errors.js';

export interface EventStoreDbOptions {
  readonly resubscribe?: ResubscribeOptions;
  /** How long ping waits for an answer (reads have no deadline of their own in the client). */
  readonly pingTimeoutMs?: number;
  /** Events read per request when scanning `$all` (readAll pages, countAfter). */
  readonly scanPageSize?: number;
}

/**
 * The adapter over EventStoreDB's gRPC client; every use of the client lives in this folder.
 *
 * Server behaviour relied on, taken from EventStoreDB's source and checked here only
 * against the protocol double (test/eventstoredb-double) until a real server runs the
 * contract (EVENTSTORE_CONNECTION_STRING):
 * - an append over gRPC writes self-committed events (commit = prepare position);
 * - the append result's position is that of the last event written, and for a retry the
 *   server recognises by its event ids, that of the original write;
 * - stream reads report each event's position (servers from 22.6 on);
 * - forward reads of `$all` include the event at their start position, subscriptions start
 *   after it (the adapter skips what is not strictly after its cursor either way).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly resubscribe: ResubscribeOptions;
  private readonly pingTimeoutMs: number;
  private readonly scanPageSize: number;

  /** A store on the server named by an `esdb://` connection string; connects on first use. */
  static fromConnectionString(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions = {},
  ) {
    this.resubscribe = options.resubscribe ?? DEFAULT_RESUBSCRIBE;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
    this.scanPageSize = options.scanPageSize ?? 1_000;
  }

  async append(streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), {
        expectedRevision: toExpectedRevision(expected),
      });
      if (!isKnownPosition(result.position)) throw new Error(`EventStoreDB did not report where stream ${streamName} was appended`);
      // The position of the last event written, or of the original write when the server
      // recognised a retry by its event ids and wrote nothing.
      return {
        nextRevision: result.nextExpectedRevision,
        position: globalPosition(result.position),
        checkpoint: formatLogCheckpoint(result.position),
      };
    } catch (error) {
      throw toAppendError(error, streamName, expected);
    }
  }

  /** The stream's JSON events; binary events, which this application never writes, are left out. */
  async readStream(streamName: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamName, { direction: FORWARDS, fromRevision: START })) {
        if (event?.isJson) events.push(toRecordedEvent(event, event.position));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toStoreError(error);
    }
    return events;
  }

  async readAll({ after, limit, metadataKeys }: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const page of this.pagesOfAll(parseLogCheckpoint(after), limit)) {
      for (const event of page) {
        if (isApplicationEvent(event)) events.push(toRecordedEvent(event, event.position, metadataKeys));
        if (events.length === limit) return events;
      }
    }
    return events;
  }

  subscribeToAll({ after, batchSize, signal, metadataKeys }: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    return followAll(this.client, { from: parseLogCheckpoint(after), batchSize, signal, metadataKeys, resubscribe: this.resubscribe });
  }

  isAfter(checkpoint: string, from: string | undefined): boolean {
    return isAfter(parseLogCheckpoint(checkpoint)!, parseLogCheckpoint(from));
  }

  /** The server's `$all` shows an event once it is committed: nothing to wait for. */
  async awaitCommittedReadable(): Promise<boolean> {
    return true;
  }

  async isCovered(position: bigint, checkpoint: string | undefined): Promise<boolean> {
    return coversPosition(parseLogCheckpoint(checkpoint), position);
  }

  /**
   * Counts by reading `$all` forward from the checkpoint (the server keeps no count of the
   * application's events): cost grows with the lag, one request per `scanPageSize` events,
   * so it suits a reader that is nearly caught up, not a count of the whole log.
   */
  async countAfter(checkpoint: string | undefined): Promise<number> {
    let count = 0;
    for await (const page of this.pagesOfAll(parseLogCheckpoint(checkpoint), this.scanPageSize)) {
      count += page.filter(isApplicationEvent).length;
    }
    return count;
  }

  async ping(): Promise<void> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`EventStoreDB did not answer within ${this.pingTimeoutMs} ms`)),
        this.pingTimeoutMs,
      );
    });
    const reading = read.toArray();
    reading.catch(() => undefined); // a read failing after the timeout has nobody to tell
    try {
      await Promise.race([reading, timeout]);
    } catch (error) {
      await read.cancel().catch(() => undefined);
      throw toStoreError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /**
   * `$all` strictly after `from`, in order, one read per page. The server reads forward
   * from a position inclusively, so each read starts with the event at the cursor, which is
   * skipped: reads ask for one event more than they mean to hand out. Each read is drained
   * to its end, even when the caller stops early: the client waits for every call it
   * started to finish when it is disposed.
   */
  private async *pagesOfAll(from: LogPosition | undefined, pageSize: number): AsyncGenerator<AllStreamRecordedEvent[]> {
    let cursor = from;
    for (;;) {
      const maxCount = pageSize + (cursor ? 1 : 0);
      let resolved: AllStreamResolvedEvent[];
      try {
        resolved = await this.client.readAll({ direction: FORWARDS, fromPosition: cursor ?? START, maxCount }).toArray();
      } catch (error) {
        throw toStoreError(error);
      }
      const page: AllStreamRecordedEvent[] = [];
      for (const { event } of resolved) {
        if (!event || !isAfter(event.position, cursor)) continue;
        page.push(event);
        cursor = event.position;
      }
      if (page.length === 0) return;
      yield page;
      if (resolved.length < maxCount) return;
    }
  }
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}
