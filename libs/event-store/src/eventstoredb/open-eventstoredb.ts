import type { EventStoreDbEventStore, EventStoreDbOptions } from './eventstoredb-event-store.js';

/**
 * A store on the EventStoreDB server named by an `esdb://` connection string, e.g.
 * `esdb://localhost:2113?tls=false`. The client and gRPC load here, on first use, not with
 * the library: processes in embedded mode never pay the few hundred milliseconds they take.
 */
export async function openEventStoreDb(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
  const { EventStoreDbEventStore } = await import('./eventstoredb-event-store.js');
  return EventStoreDbEventStore.fromConnectionString(connectionString, options);
}
