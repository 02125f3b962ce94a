import { jsonEvent, type EventData, type JSONType, type RecordedEvent as ClientRecordedEvent } from '@eventstore/db-client';
import { pickMetadata, type EventMetadata, type EventToAppend, type RecordedEvent } from '../event-store.port.js';
import { formatLogCheckpoint, globalPosition, isKnownPosition, type LogPosition } from './log-position.js';

/**
 * Our metadata keys and the names EventStoreDB's own `$by_correlation_id` projection (and
 * its tooling) read: both are stored, so the server indexes our correlation ids.
 */
const SERVER_METADATA_KEYS = [
  ['correlationId', '$correlationId'],
  ['causationId', '$causationId'],
] as const;

export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({
    // The caller's id, never a fresh one: a retried append is then recognised by the server.
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: toStoredMetadata(event.metadata),
  });
}

export function toStoredMetadata(metadata: EventMetadata): Record<string, unknown> {
  const stored: Record<string, unknown> = { ...metadata };
  for (const [ours, servers] of SERVER_METADATA_KEYS) {
    if (metadata[ours] !== undefined && metadata[ours] !== null) stored[servers] = metadata[ours];
  }
  return stored;
}

/** Our metadata back; an event written by other tools keeps its ids under our names too. */
export function fromStoredMetadata(stored: unknown): EventMetadata {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored) || stored instanceof Uint8Array) return {};
  const metadata: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  for (const [ours, servers] of SERVER_METADATA_KEYS) {
    if (!(servers in metadata)) continue;
    if (metadata[ours] === undefined) metadata[ours] = metadata[servers];
    if (metadata[ours] === metadata[servers]) delete metadata[servers];
  }
  return metadata;
}

/**
 * Whether an event of the log is one of the application's: JSON, outside the server's own
 * (`$`-prefixed) streams and types. Everything else in `$all` is the server's business.
 */
export function isApplicationEvent(event: ClientRecordedEvent): boolean {
  return event.isJson && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

/** `metadataKeys`: only those keys of the metadata (see the port's pickMetadata). */
export function toRecordedEvent(event: ClientRecordedEvent, position: LogPosition | undefined, metadataKeys?: readonly string[]): RecordedEvent {
  if (!isKnownPosition(position)) {
    throw new Error(
      `EventStoreDB did not report the log position of event ${event.id} in stream ${event.streamId}; ` +
        'stream reads report positions from server version 22.6 on',
    );
  }
  return {
    eventId: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: event.revision,
    position: globalPosition(position),
    checkpoint: formatLogCheckpoint(position),
    data: event.data,
    metadata: metadataKeys ? pickMetadata(fromStoredMetadata(event.metadata), metadataKeys) : fromStoredMetadata(event.metadata),
    recordedAt: event.created,
  };
}
