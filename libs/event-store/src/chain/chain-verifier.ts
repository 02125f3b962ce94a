import type { EventMetadata } from '../event-store.port.js';
import { chainHash, hashOf } from './hash-chain.js';

/** A stream head anchored outside the database: the stream must still reach it, with that hash. */
export interface AnchoredHead {
  readonly stream: string;
  readonly revision: string;
  readonly hash: string;
}

export interface BrokenLink {
  readonly stream: string;
  /** The first revision that does not check out (for a deleted event, the missing one). */
  readonly revision: string;
  readonly reason: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  /** Events written before the chain existed (no hash, at the start of their stream): not covered. */
  readonly legacyEvents: number;
  readonly brokenStreams: number;
  readonly headsChecked: number;
  readonly firstBroken?: BrokenLink;
}

export interface VerifiedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

interface StreamChain {
  nextRevision: bigint;
  lastHash: string | null;
  broken: boolean;
}

/**
 * Recomputes the hash chains of the log, fed its events in log order (a stream's events
 * come in revision order in the log; one that does not was moved). Per stream: revisions
 * run 0, 1, 2… without a gap; unhashed events may only open a stream (written before the
 * chain existed); every hashed event's hash is that of its content and the previous hash.
 * A stream stops being checked at its first broken link, the others go on. It keeps one
 * small entry per stream (its next revision and last hash), never the events.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, StreamChain>();
  private readonly heads: Map<string, AnchoredHead>;
  private eventsChecked = 0;
  private legacyEvents = 0;
  private headsChecked = 0;
  private readonly broken: BrokenLink[] = [];

  constructor(heads: readonly AnchoredHead[] = []) {
    this.heads = new Map(heads.map((head) => [head.stream, head]));
  }

  add(event: VerifiedEvent): void {
    this.eventsChecked++;
    let chain = this.streams.get(event.streamName);
    if (chain === undefined) {
      chain = { nextRevision: 0n, lastHash: null, broken: false };
      this.streams.set(event.streamName, chain);
    }
    if (chain.broken) return;
    if (event.revision !== chain.nextRevision) {
      const reason =
        event.revision > chain.nextRevision
          ? `revision ${chain.nextRevision} is missing (the next event found is revision ${event.revision})`
          : `revision ${event.revision} comes again or out of order after revision ${chain.nextRevision - 1n}`;
      return this.breakAt(chain, event.streamName, chain.nextRevision, reason);
    }
    const hash = hashOf(event.metadata);
    if (hash === undefined) {
      if (chain.lastHash !== null) return this.breakAt(chain, event.streamName, event.revision, 'the event has no hash after hashed events');
      this.legacyEvents++;
    } else {
      const expected = chainHash(
        { stream: event.streamName, revision: event.revision, type: event.type, data: event.data, metadata: event.metadata },
        chain.lastHash,
      );
      if (expected !== hash) {
        return this.breakAt(chain, event.streamName, event.revision, 'the content or the previous event does not match the hash');
      }
      const anchored = this.heads.get(event.streamName);
      if (anchored !== undefined && anchored.revision === event.revision.toString()) {
        this.headsChecked++;
        if (anchored.hash !== hash) return this.breakAt(chain, event.streamName, event.revision, 'the hash differs from the anchored head');
      }
    }
    chain.lastHash = hash ?? null;
    chain.nextRevision = event.revision + 1n;
  }

  /** The report, once every event was added; anchored heads the log no longer reaches are broken. */
  report(): VerificationReport {
    for (const head of this.heads.values()) {
      const chain = this.streams.get(head.stream);
      if (chain === undefined) {
        this.broken.push({ stream: head.stream, revision: head.revision, reason: 'the stream of an anchored head is missing from the log' });
      } else if (!chain.broken && chain.nextRevision <= BigInt(head.revision)) {
        this.breakAt(chain, head.stream, chain.nextRevision, `the stream ends before its anchored head (revision ${head.revision})`);
      }
    }
    const firstBroken = this.broken[0];
    return {
      ok: this.broken.length === 0,
      streamsChecked: this.streams.size,
      eventsChecked: this.eventsChecked,
      legacyEvents: this.legacyEvents,
      brokenStreams: this.broken.length,
      headsChecked: this.headsChecked,
      ...(firstBroken === undefined ? {} : { firstBroken }),
    };
  }

  /** Every stream's head as it stands: what to anchor outside the database. */
  *currentHeads(): Iterable<AnchoredHead> {
    for (const [stream, chain] of this.streams) {
      if (chain.broken || chain.lastHash === null) continue;
      yield { stream, revision: (chain.nextRevision - 1n).toString(), hash: chain.lastHash };
    }
  }

  private breakAt(chain: StreamChain, stream: string, revision: bigint, reason: string): void {
    chain.broken = true;
    this.broken.push({ stream, revision: revision.toString(), reason });
  }
}
