import { EventEmitter, on } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ConcurrencyError,
  EventIdConflictError,
  matchesExpectedRevision,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type LoggedEvent,
  type ProjectionReadOptions,
  type ProjectionSubscribeOptions,
  type ReadAllOptions,
  type RecordedEvent,
  type RepeatedKeys,
  type RepeatedKeysQuery,
  type ShareReadOptions,
  type StoreSource,
  type SubscribeOptions,
} from '../event-store.port.js';
import { inTransaction, type SqlClient, type SqlPool } from '../sql/sql-pool.js';
import { hasSqlState } from '../sql/sql-state.js';
import { createPgServerPool, serverPoolSettings } from '../sql/pg-server-pool.js';
import { compareCheckpoints, formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { EVENT_STORE_SCHEMA } from './schema.js';

interface LoggedEventRow {
  type: string;
  stream_name: string;
  position: string;
  tx_id: string;
  data: unknown;
}

/** A row of loggedColumns: the metadata keys asked for, a column each. */
interface ProjectedEventRow extends LoggedEventRow {
  readonly [metadataKey: `meta_${number}`]: unknown;
}

interface ShareEventRow extends ProjectedEventRow {
  other_share: boolean;
}

interface EventRow extends LoggedEventRow {
  metadata: Record<string, unknown>;
  event_id: string;
  stream_revision: string;
  recorded_at: Date;
}

const EVENT_COLUMNS = 'event_id, type, stream_name, stream_revision, position, tx_id, data, metadata, recorded_at';

/**
 * Only transactions older than every transaction still running are read: an event of a
 * transaction that is still open could otherwise commit later with a lower position than
 * one already handed out, and a reader resuming from its checkpoint would skip it.
 */
const VISIBLE = 'tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

const UNIQUE_VIOLATION = '23505';

export interface PostgresEventStoreOptions {
  /** How often a live subscription looks for events written by other processes. */
  pollIntervalMs?: number;
  /** Close the pool with the store (false when the pool is shared). */
  ownsPool?: boolean;
}

export class PostgresEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;

  constructor(
    private readonly pool: SqlPool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.appended.setMaxListeners(0);
  }

  /** Creates the log's tables when missing; safe to run on every start. */
  async migrate(): Promise<void> {
    await this.pool.query(EVENT_STORE_SCHEMA);
  }

  async append(streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const earlier = await this.findAppended(streamName, events);
    if (earlier) return earlier;
    try {
      const result = await inTransaction(this.pool, (client) => this.appendInTransaction(client, streamName, events, expected));
      this.appended.emit('append');
      return result;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) && !isUniqueViolation(error)) throw error;
      // Another append got there first: the same events (a retry racing the original,
      // which answers like the original) or another writer (a concurrency conflict).
      const raced = await this.findAppended(streamName, events);
      if (raced) return raced;
      if (error instanceof ConcurrencyError) throw error;
      throw new ConcurrencyError(streamName, expected, await this.currentRevision(this.pool, streamName));
    }
  }

  /**
   * Appends many streams' events in one transaction, in the given order, each after its
   * stream's current revision (expected revision `any`): for imports and generated data
   * sets, where one transaction per stream would take hours. An event id already in the
   * log fails the whole import (EventIdConflictError) and writes nothing.
   */
  async importEvents(events: readonly { readonly streamName: string; readonly event: EventToAppend }[]): Promise<AppendResult> {
    if (events.length === 0) throw new Error('importEvents needs at least one event');
    try {
      const result = await inTransaction(this.pool, async (client) => {
        const streams = [...new Set(events.map((e) => e.streamName))].sort();
        // Locked in name order, so two imports never wait on each other in a cycle.
        const { rows: current } = await client.query<{ stream_name: string; revision: string }>(
          'SELECT stream_name, revision FROM es_streams WHERE stream_name = ANY($1::text[]) ORDER BY stream_name FOR UPDATE',
          [streams],
        );
        const next = new Map(current.map((row) => [row.stream_name, BigInt(row.revision) + 1n]));
        const revisions = events.map(({ streamName }) => {
          const revision = next.get(streamName) ?? 0n;
          next.set(streamName, revision + 1n);
          return revision.toString();
        });
        const { rows } = await client.query<{ position: string; tx_id: string }>(
          `INSERT INTO es_events (event_id, stream_name, stream_revision, type, data, metadata)
           SELECT e.event_id, e.stream_name, e.revision, e.type, e.data, e.metadata
             FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $6::jsonb[])
                  WITH ORDINALITY AS e(event_id, stream_name, revision, type, data, metadata, ord)
            ORDER BY e.ord
           RETURNING position, tx_id`,
          [
            events.map((e) => e.event.eventId),
            events.map((e) => e.streamName),
            revisions,
            events.map((e) => e.event.type),
            events.map((e) => JSON.stringify(e.event.data)),
            events.map((e) => JSON.stringify(e.event.metadata)),
          ],
        );
        await client.query(
          `INSERT INTO es_streams (stream_name, revision) SELECT * FROM unnest($1::text[], $2::bigint[])
           ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision`,
          [[...next.keys()], [...next.values()].map((revision) => (revision - 1n).toString())],
        );
        const last = rows.reduce((max, row) => (BigInt(row.position) > BigInt(max.position) ? row : max));
        const position = BigInt(last.position);
        const lastStream = events[events.length - 1]!.streamName;
        return { nextRevision: next.get(lastStream)! - 1n, position, checkpoint: formatCheckpoint({ txId: BigInt(last.tx_id), position }) };
      });
      this.appended.emit('append');
      return result;
    } catch (error) {
      if (isUniqueViolation(error)) throw new EventIdConflictError('(import)', 'an event id of the import is already in the log');
      throw error;
    }
  }

  async readStream(streamName: string): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_name = $1 ORDER BY stream_revision`,
      [streamName],
    );
    return rows.map(toRecordedEvent);
  }

  readAll(options: ProjectionReadOptions): Promise<LoggedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  async readAll({ after, limit, metadataKeys }: ReadAllOptions): Promise<RecordedEvent[] | LoggedEvent[]> {
    const from = parseCheckpoint(after);
    const page = <Row extends LoggedEventRow>(columns: string) =>
      this.pool.query<Row>(
        `SELECT ${columns} FROM es_events
          WHERE (tx_id, position) > ($1::bigint, $2::bigint) AND ${VISIBLE}
          ORDER BY tx_id, position LIMIT $3`,
        [from.txId.toString(), from.position.toString(), limit, ...(metadataKeys ?? [])],
      );
    if (!metadataKeys) return (await page<EventRow>(EVENT_COLUMNS)).rows.map(toRecordedEvent);
    return (await page<ProjectedEventRow>(loggedColumns(metadataKeys, 4))).rows.map((row) => toProjectedEvent(row, metadataKeys));
  }

  async readShare({ after, limit, metadataKeys, share, typesOfEveryShare, through }: ShareReadOptions): Promise<LoggedEvent[]> {
    if (!Number.isInteger(share.of) || share.of < 1 || !Number.isInteger(share.index) || share.index < 0 || share.index >= share.of) {
      throw new RangeError(`No share ${share.index} of ${share.of}`);
    }
    const from = parseCheckpoint(after);
    const last = parseCheckpoint(through);
    // The events up to `through` are all committed (see headCheckpoint): no VISIBLE needed.
    const inShare = `(hashtext(stream_name) & 2147483647) % $6::integer = $7::integer`;
    const { rows } = await this.pool.query<ShareEventRow>(
      `SELECT ${loggedColumns(metadataKeys, 9)}, NOT ${inShare} AS other_share FROM es_events
        WHERE (tx_id, position) > ($1::bigint, $2::bigint) AND (tx_id, position) <= ($3::bigint, $4::bigint)
          AND (${inShare} OR type = ANY($8::text[]))
        ORDER BY tx_id, position LIMIT $5`,
      [
        from.txId.toString(),
        from.position.toString(),
        last.txId.toString(),
        last.position.toString(),
        limit,
        share.of,
        share.index,
        typesOfEveryShare,
        ...metadataKeys,
      ],
    );
    return rows.map((row) => {
      const event = toProjectedEvent(row, metadataKeys);
      return row.other_share ? { ...event, otherShare: true } : event;
    });
  }

  sourceForThreads(): StoreSource | undefined {
    const settings = serverPoolSettings(this.pool);
    return settings && { kind: 'postgres-server', connectionString: settings.connectionString, ...(settings.schema ? { schema: settings.schema } : {}) };
  }

  async awaitCommittedReadable(timeoutMs: number): Promise<boolean> {
    // Every transaction that had committed (or even begun) when we were called has an id
    // below this snapshot's xmax; readAll shows them all once the oldest running one is past it.
    const { rows } = await this.pool.query<{ horizon: string }>(
      'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS horizon',
    );
    const horizon = rows[0]!.horizon;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows: now } = await this.pool.query<{ readable: boolean }>(
        'SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint >= $1::bigint AS readable',
        [horizon],
      );
      if (now[0]!.readable) return true;
      if (Date.now() >= deadline) return false;
      await delay(20);
    }
  }

  subscribeToAll(options: ProjectionSubscribeOptions): AsyncIterable<LoggedEvent[]>;
  subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent[]>;
  async *subscribeToAll({ after, batchSize, signal, metadataKeys }: SubscribeOptions): AsyncIterable<LoggedEvent[]> {
    const read = (from: string | undefined): Promise<LoggedEvent[]> => {
      const page = metadataKeys ? this.readAll({ after: from, limit: batchSize, metadataKeys }) : this.readAll({ after: from, limit: batchSize });
      page.catch(() => undefined); // awaited below; no unhandled rejection if we stop first
      return page;
    };
    let checkpoint = after;
    let next = read(checkpoint);
    while (!signal?.aborted) {
      const batch = await next;
      if (batch.length > 0) {
        checkpoint = batch[batch.length - 1]!.checkpoint;
        // Read the next page while the consumer handles this one: catch-up overlaps I/O.
        next = read(checkpoint);
        yield batch;
        continue;
      }
      await this.nextAppendOrPoll(signal);
      next = read(checkpoint);
    }
  }

  isAfter(checkpoint: string, from: string | undefined): boolean {
    return compareCheckpoints(parseCheckpoint(checkpoint), parseCheckpoint(from)) > 0;
  }

  async isCovered(position: bigint, checkpoint: string | undefined): Promise<boolean> {
    const { rows } = await this.pool.query<{ tx_id: string }>('SELECT tx_id FROM es_events WHERE position = $1', [
      position.toString(),
    ]);
    const row = rows[0];
    if (!row) return false;
    return compareCheckpoints({ txId: BigInt(row.tx_id), position }, parseCheckpoint(checkpoint)) <= 0;
  }

  async countAfter(checkpoint: string | undefined): Promise<number> {
    const from = parseCheckpoint(checkpoint);
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(*) AS count FROM es_events WHERE (tx_id, position) > ($1::bigint, $2::bigint)',
      [from.txId.toString(), from.position.toString()],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async headCheckpoint(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ tx_id: string; position: string }>(
      `SELECT tx_id, position FROM es_events WHERE ${VISIBLE} ORDER BY tx_id DESC, position DESC LIMIT 1`,
    );
    const head = rows[0];
    // Every transaction below the head's id has ended (VISIBLE): the events up to the head
    // are all there, and stay as they are.
    return head ? formatCheckpoint({ txId: head.tx_id, position: head.position }) : undefined;
  }

  async findRepeatedKeys({ types, dataKey, through }: RepeatedKeysQuery): Promise<RepeatedKeys> {
    const last = parseCheckpoint(through);
    const { rows } = await this.pool.query<{ stream_name: string; value: string }>(
      `SELECT stream_name, data->>$2 AS value FROM es_events
        WHERE type = ANY($1::text[]) AND (tx_id, position) <= ($3::bigint, $4::bigint) AND data ? $2
        GROUP BY stream_name, data->>$2 HAVING count(*) > 1`,
      [types, dataKey, last.txId.toString(), last.position.toString()],
    );
    return rows.map((row) => [row.stream_name, row.value] as const);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    this.appended.emit('close');
    if (this.options.ownsPool) await this.pool.end();
  }

  private async appendInTransaction(
    client: SqlClient,
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const current = await this.currentRevision(client, streamName, true);
    if (!matchesExpectedRevision(expected, current)) throw new ConcurrencyError(streamName, expected, current);
    const first = current === 'no_stream' ? 0n : current + 1n;
    const { rows } = await client.query<{ position: string; tx_id: string }>(
      `INSERT INTO es_events (event_id, stream_name, stream_revision, type, data, metadata)
       SELECT e.event_id, $1, $2::bigint + e.ord - 1, e.type, e.data, e.metadata
         FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])
              WITH ORDINALITY AS e(event_id, type, data, metadata, ord)
        ORDER BY e.ord
       RETURNING position, tx_id`,
      [
        streamName,
        first.toString(),
        events.map((event) => event.eventId),
        events.map((event) => event.type),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => JSON.stringify(event.metadata)),
      ],
    );
    const nextRevision = first + BigInt(events.length) - 1n;
    await client.query(
      `INSERT INTO es_streams (stream_name, revision) VALUES ($1, $2)
       ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision`,
      [streamName, nextRevision.toString()],
    );
    const last = rows.reduce((max, row) => (BigInt(row.position) > BigInt(max.position) ? row : max));
    const position = BigInt(last.position);
    return { nextRevision, position, checkpoint: formatCheckpoint({ txId: BigInt(last.tx_id), position }) };
  }

  private async currentRevision(client: Pick<SqlClient, 'query'>, streamName: string, lock = false): Promise<bigint | 'no_stream'> {
    const { rows } = await client.query<{ revision: string }>(
      `SELECT revision FROM es_streams WHERE stream_name = $1${lock ? ' FOR UPDATE' : ''}`,
      [streamName],
    );
    return rows[0] ? BigInt(rows[0].revision) : 'no_stream';
  }

  /**
   * The result of an earlier append of exactly these event ids to this stream, if any.
   * Ids reused elsewhere or only partly present are a conflict, never a silent success.
   */
  private async findAppended(streamName: string, events: readonly EventToAppend[]): Promise<AppendResult | undefined> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_revision`,
      [events.map((event) => event.eventId)],
    );
    if (rows.length === 0) return undefined;
    const found = rows.map(toRecordedEvent);
    const misplaced = found.find((event) => event.streamName !== streamName);
    if (misplaced) throw new EventIdConflictError(misplaced.eventId, `it belongs to stream ${misplaced.streamName}`);
    if (found.length !== events.length) {
      throw new EventIdConflictError(found[0]!.eventId, 'only some of the events of this append were written before');
    }
    const last = found[found.length - 1]!;
    return { nextRevision: last.revision, position: maxPosition(found), checkpoint: last.checkpoint };
  }

  private async nextAppendOrPoll(signal: AbortSignal | undefined): Promise<void> {
    const wake = new AbortController();
    const timer = setTimeout(() => wake.abort(), this.pollIntervalMs);
    const stop = () => wake.abort();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const _ of on(this.appended, 'append', { signal: wake.signal })) break;
    } catch {
      // Timer or caller aborted: either way it is time to look again (or stop).
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    }
  }
}


/**
 * A projection's columns, the metadata narrowed by the server to `metadataKeys` (parameters
 * from `$firstParameter` on), a column each: the metadata (actor, hash chain) is most of
 * what a projection would otherwise receive and parse only to drop (1,000,000 events read
 * ~1.9x faster), and the recording time (a date to parse) and id are a third of the rest.
 * A column per key, not one object built by the server, saves both sides an object per
 * event (~0.4 s of the server's CPU and ~0.3 s of Node.js's per 1,000,000 events).
 */
function loggedColumns(metadataKeys: readonly string[], firstParameter: number): string {
  const values = metadataKeys.map((_, i) => `metadata->$${i + firstParameter} AS meta_${i}`);
  return ['type', 'stream_name', 'position', 'tx_id', 'data', ...values].join(', ');
}

/** The event of a row of loggedColumns; a metadata key absent, or null, is left out. */
function toProjectedEvent(row: ProjectedEventRow, metadataKeys: readonly string[]): LoggedEvent {
  const metadata: Record<string, unknown> = {};
  for (let i = 0; i < metadataKeys.length; i++) {
    const value = row[`meta_${i}`];
    if (value !== null && value !== undefined) metadata[metadataKeys[i]!] = value;
  }
  return toLoggedEvent(row, metadata);
}

/** Opens, in this thread, the log another thread's store described (see EventStore.sourceForThreads). */
export function openStoreSource(source: StoreSource, options: { onLocalServerProcess?: (pid: number) => void } = {}): PostgresEventStore {
  const pool = createPgServerPool({
    connectionString: source.connectionString,
    ...(source.schema ? { schema: source.schema } : {}),
    max: 2,
    ...(options.onLocalServerProcess ? { onLocalServerProcess: options.onLocalServerProcess } : {}),
  });
  return new PostgresEventStore(pool, { ownsPool: true });
}

function toLoggedEvent(row: LoggedEventRow, metadata: Record<string, unknown>): LoggedEvent {
  return {
    type: row.type,
    streamName: row.stream_name,
    position: BigInt(row.position),
    checkpoint: formatCheckpoint({ txId: row.tx_id, position: row.position }),
    data: row.data,
    metadata,
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    ...toLoggedEvent(row, row.metadata),
    eventId: row.event_id,
    revision: BigInt(row.stream_revision),
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}

function maxPosition(events: readonly RecordedEvent[]): bigint {
  return events.reduce((max, event) => (event.position > max ? event.position : max), -1n);
}

function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, UNIQUE_VIOLATION);
}
