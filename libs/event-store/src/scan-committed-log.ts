import type { EventStore, RecordedEvent } from './event-store.port.js';

const PAGE = 5000;

/** How long a scan waits for writers still running when it starts (a projection batch, an append). */
const COMMITTED_READABLE_TIMEOUT_MS = 10_000;

/**
 * The whole log in order, a page at a time (only one page is ever held in memory), holding
 * at least every event committed before the call: an audit run right after a write sees it.
 */
export async function* scanCommittedLog(
  store: Pick<EventStore, 'readAll' | 'awaitCommittedReadable'>,
): AsyncIterable<RecordedEvent> {
  await store.awaitCommittedReadable(COMMITTED_READABLE_TIMEOUT_MS);
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.checkpoint;
  }
}

/** The whole committed log in memory: for tests and small tools, never for a national log. */
export async function readCommittedLog(store: Pick<EventStore, 'readAll' | 'awaitCommittedReadable'>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of scanCommittedLog(store)) events.push(event);
  return events;
}
