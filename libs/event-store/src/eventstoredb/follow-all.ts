import { START, excludeSystemEvents, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError, type RecordedEvent } from '../event-store.port.js';
import { isApplicationEvent, toRecordedEvent } from './event-mapping.js';
import { isAfter, type LogPosition } from './log-position.js';
import { readableBatches } from './readable-batches.js';
import { isTransientStoreError, toStoreError } from './store-errors.js';

export interface ResubscribeOptions {
  /** First wait before resubscribing after a dropped subscription; doubles each time. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive drops without the server confirming a subscription in between, before giving up. */
  readonly maxAttempts: number;
}

export const DEFAULT_RESUBSCRIBE: ResubscribeOptions = { initialDelayMs: 100, maxDelayMs: 5_000, maxAttempts: 10 };

export interface FollowAllOptions {
  readonly from: LogPosition | undefined;
  readonly batchSize: number;
  readonly signal?: AbortSignal | undefined;
  readonly metadataKeys?: readonly string[] | undefined;
  readonly resubscribe: ResubscribeOptions;
}

/**
 * Follows `$all` after `from` with catch-up subscriptions, yielding the application's events
 * in batches. The server filters out system event types; system streams and non-JSON events
 * are dropped here. EventStoreDB reports a dropped subscription only as an error: this
 * resubscribes from the last position received (every event up to it was handed out or
 * filtered out), waiting longer after each consecutive failure, so no event is skipped or
 * delivered twice. Gives up with StoreUnavailableError when the server stays unreachable.
 */
export async function* followAll(client: EventStoreDBClient, options: FollowAllOptions): AsyncGenerator<RecordedEvent[]> {
  const { batchSize, signal, resubscribe } = options;
  let from = options.from;
  let failures = 0;
  while (!signal?.aborted) {
    const subscription = client.subscribeToAll({ fromPosition: from ?? START, filter: excludeSystemEvents() });
    // Errors after we let go of the subscription have nobody left to tell.
    subscription.on('error', () => undefined);
    subscription.once('confirmation', () => (failures = 0));
    let dropped: unknown;
    try {
      for await (const batch of readableBatches<AllStreamResolvedEvent>(subscription, batchSize, signal)) {
        const events: RecordedEvent[] = [];
        for (const { event } of batch) {
          // A subscription starts right behind `from`; this only guards against a server repeating itself.
          if (!event || !isAfter(event.position, from)) continue;
          from = event.position;
          if (isApplicationEvent(event)) events.push(toRecordedEvent(event, event.position, options.metadataKeys));
        }
        if (events.length > 0) yield events;
      }
      dropped = new StoreUnavailableError('EventStoreDB ended the subscription to $all');
    } catch (error) {
      if (!isTransientStoreError(error)) throw toStoreError(error);
      dropped = error;
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
    if (signal?.aborted) return;
    failures += 1;
    if (failures >= resubscribe.maxAttempts) {
      throw new StoreUnavailableError(`EventStoreDB subscription to $all failed ${failures} times in a row`, { cause: dropped });
    }
    const delay = Math.min(resubscribe.initialDelayMs * 2 ** (failures - 1), resubscribe.maxDelayMs);
    await sleep(delay, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
}
