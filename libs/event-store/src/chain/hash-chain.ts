import { createHash } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '../event-store.port.js';
import { canonicalJson } from './canonical-json.js';

/** The metadata key that holds an event's chain hash. */
export const CHAIN_HASH_KEY = 'hash';

/** Where a stream's chain stands: its last revision and that event's hash (null: none, or unhashed). */
export interface ChainHead {
  readonly revision: bigint | 'no_stream';
  readonly hash: string | null;
}

export interface ChainedContent {
  readonly stream: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/**
 * SHA-256 (hex) of an event's canonical content — stream, revision, type, data and
 * metadata without the hash itself — together with the hash of the stream's previous
 * event: changing, removing or moving any earlier event of the stream changes every
 * hash after it.
 */
export function chainHash(event: ChainedContent, previousHash: string | null): string {
  const { [CHAIN_HASH_KEY]: _ignored, ...metadata } = event.metadata;
  const content = canonicalJson({
    stream: event.stream,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata,
    previousHash,
  });
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export function hashOf(metadata: EventMetadata): string | undefined {
  const hash = metadata[CHAIN_HASH_KEY];
  return typeof hash === 'string' ? hash : undefined;
}

/** The stream's head after reading its events (the last one's revision and hash). */
export function chainHeadOf(events: readonly { readonly revision: bigint; readonly metadata: EventMetadata }[]): ChainHead {
  const last = events[events.length - 1];
  return last === undefined ? { revision: 'no_stream', hash: null } : { revision: last.revision, hash: hashOf(last.metadata) ?? null };
}

/**
 * The events with their chain hashes, to be appended right behind `head` — and only there:
 * appended at any other revision, the hashes are wrong, so the append must expect exactly
 * `head.revision` (a concurrent writer then gets a conflict, never a fork of the chain).
 */
export function chainEvents(stream: string, head: ChainHead, events: readonly EventToAppend[]): EventToAppend[] {
  let revision = head.revision === 'no_stream' ? 0n : head.revision + 1n;
  let previous = head.hash;
  return events.map((event) => {
    const hash = chainHash({ stream, revision, type: event.type, data: event.data, metadata: event.metadata }, previous);
    revision += 1n;
    previous = hash;
    return { ...event, metadata: { ...event.metadata, [CHAIN_HASH_KEY]: hash } };
  });
}
