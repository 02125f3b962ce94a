import { openEventStoreDb } from '#event-store';
import { describeEventStoreContract } from '../../libs/event-store/src/testing/event-store.contract.js';

/**
 * The shared contract against a REAL EventStoreDB (or KurrentDB) server, e.g.
 * EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm test -- eventstoredb
 * Without the variable this suite is skipped, and says so: the protocol double's run
 * (eventstoredb-contract.double.spec.ts) is not a substitute for it.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(`EventStoreDB adapter (real server at ${connectionString})`, async () => {
    const store = await openEventStoreDb(connectionString);
    await store.ping();
    return { store, dispose: () => store.close() };
  });
} else {
  console.warn(
    '[danvan] WARNING: EVENTSTORE_CONNECTION_STRING is not set: the EventStore contract against a REAL EventStoreDB ' +
      'server is SKIPPED in this run. The gRPC protocol double (eventstoredb-contract.double.spec.ts) is no substitute; set e.g. ' +
      'EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run it.',
  );
  describe.skip('EventStore contract on a real EventStoreDB server: SKIPPED, needs EVENTSTORE_CONNECTION_STRING', () => {
    it('runs the shared contract against the server', () => undefined);
  });
}
