import {
  closeEmbeddedDatabase,
  createPgServerPool,
  openEmbeddedDatabase,

  PostgresEventStore,
  type EventStore,
  type SqlPool,
} from '#event-store';
import type { AppConfig } from '../infrastructure/config/app-config.js';

export interface Stores {
  readonly eventStore: EventStore;
  readonly readPool: SqlPool;
  close(): Promise<void>;
}

/**
 * Opens the stores the configuration names: the embedded PGlite under DATA_DIR by default,
 * or the PostgreSQL server of DATABASE_URL for both the log and the read models. A test may
 * hand in an open pool instead. Fails fast when a configured store does not answer.
 */
export async function openStores(config: Pick<AppConfig, 'storeMode' | 'dataDir' | 'databaseUrl'>, pool?: SqlPool): Promise<Stores> {
  if (pool) return storesOver(pool, async () => undefined);
  switch (config.storeMode) {
    case 'embedded': {
      const embedded = await openEmbeddedDatabase(config.dataDir);
      return storesOver(embedded, () => closeEmbeddedDatabase(embedded));
    }
    case 'postgres': {
      const server = createPgServerPool({ connectionString: config.databaseUrl!, max: 20 });
      try {
        await server.query('SELECT 1');
      } catch (error) {
        await server.end();
        throw new Error(`DATABASE_URL: the PostgreSQL server does not answer (${(error as Error).message})`);
      }
      return storesOver(server, () => server.end());
    }
    case 'eventstoredb':
      throw new Error('EVENTSTORE_CONNECTION_STRING: the EventStoreDB adapter is not available yet (issue 3)');
  }
}

async function storesOver(pool: SqlPool, closePool: () => Promise<void>): Promise<Stores> {
  const eventStore = new PostgresEventStore(pool);
  await eventStore.migrate();
  return {
    eventStore,
    readPool: pool,
    async close() {
      await eventStore.close();
      await closePool();
    },
  };
}

