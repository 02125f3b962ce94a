import { openEventStoreDb } from '#event-store';
import { describeEventStoreContract } from '../../libs/event-store/src/testing/event-store.contract.js';
import { EventStoreDbDouble } from '../eventstoredb-double/eventstoredb-double.js';

// The shared contract against the EventStoreDB adapter talking gRPC to the in-process
// protocol double (not EventStoreDB itself: see eventstoredb-contract.server.spec.ts).
describeEventStoreContract('EventStoreDB adapter (protocol double)', async () => {
  const server = await EventStoreDbDouble.start();
  const store = await openEventStoreDb(server.connectionString);
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.stop();
    },
  };
});
