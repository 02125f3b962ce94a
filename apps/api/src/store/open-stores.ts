import {
  closeEmbeddedDatabase,
  createPgServerPool,
  openEmbeddedDatabase,
  openEventStoreDb,
  PostgresEventStore,
  type EventStore,
  type SqlPool,
  withMigrationLock,
} from '#event-store';
import type { AppConfig } from '../infrastructure/config/app-config.js';

export interface Stores {
  readonly eventStore: EventStore;
  readonly readPool: SqlPool;
  /**
   * Runs schema migrations one process at a time on a PostgreSQL server (processes may
   * start together); as is in the embedded store, which only one process opens.
   */
  serialiseMigrations<T>(migrate: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How a batch job (the CLI) opens the stores, unlike the service. */
export interface StoreTuning {
  /** Called with the process id of each session's PostgreSQL server process, where the server runs on this host. */
  readonly onLocalServerProcess?: (pid: number) => void;
}

type Serialise = Stores['serialiseMigrations'];
const asIs: Serialise = (migrate) => migrate();
const onServer = (pool: SqlPool): Serialise => (migrate) => withMigrationLock(pool, migrate);

/**
 * Opens the stores the configuration names: the embedded PGlite under DATA_DIR by default,
 * or the PostgreSQL server of DATABASE_URL for both the log and the read models. A test may
 * hand in an open pool instead. Fails fast when a configured store does not answer.
 */
export async function openStores(
  config: Pick<AppConfig, 'storeMode' | 'dataDir' | 'databaseUrl' | 'eventStoreConnectionString'> & StoreTuning,
  pool?: SqlPool,
): Promise<Stores> {
  if (pool) return storesOver(pool, asIs, async () => undefined);
  switch (config.storeMode) {
    case 'embedded': {
      const embedded = await openEmbeddedDatabase(config.dataDir);
      return storesOver(embedded, asIs, () => closeEmbeddedDatabase(embedded));
    }
    case 'postgres': {
      const server = await openServerPool(config.databaseUrl!, config);
      return storesOver(server, onServer(server), () => server.end());
    }
    case 'eventstoredb': {
      // The log on EventStoreDB, the read models on the PostgreSQL server.
      const server = await openServerPool(config.databaseUrl!, config);
      const eventStore = await openEventStoreDb(config.eventStoreConnectionString!);
      try {
        await eventStore.ping();
      } catch (error) {
        await eventStore.close();
        await server.end();
        throw new Error(`EVENTSTORE_CONNECTION_STRING: EventStoreDB does not answer (${(error as Error).message})`);
      }
      return {
        eventStore,
        readPool: server,
        serialiseMigrations: onServer(server),
        async close() {
          await eventStore.close();
          await server.end();
        },
      };
    }
  }
}

async function openServerPool(databaseUrl: string, tuning: StoreTuning) {
  const server = createPgServerPool({ connectionString: databaseUrl, max: 20, onLocalServerProcess: tuning.onLocalServerProcess });
  try {
    await server.query('SELECT 1');
  } catch (error) {
    await server.end();
    throw new Error(`DATABASE_URL: the PostgreSQL server does not answer (${(error as Error).message})`);
  }
  return server;
}

async function storesOver(pool: SqlPool, serialiseMigrations: Serialise, closePool: () => Promise<void>): Promise<Stores> {
  const eventStore = new PostgresEventStore(pool);
  await serialiseMigrations(() => eventStore.migrate());
  return {
    eventStore,
    readPool: pool,
    serialiseMigrations,
    async close() {
      await eventStore.close();
      await closePool();
    },
  };
}

