import { DataSource } from 'typeorm';
import type { SqlPool } from '#event-store';
import { READ_MODEL_ENTITIES } from './entities/index.js';
import { InitialReadModels1764000000000 } from './migrations/1764000000000-initial-read-models.js';
import { YearStatRows1764900000000 } from './migrations/1764900000000-year-stat-rows.js';
import { RebuildJournal1764950000000 } from './migrations/1764950000000-rebuild-journal.js';
import { SubtreeStats1765000000000 } from './migrations/1765000000000-subtree-stats.js';
import { ByteOrderCodes1765100000000 } from './migrations/1765100000000-byte-order-codes.js';

export const READ_MODEL_MIGRATIONS = [
  InitialReadModels1764000000000,
  YearStatRows1764900000000,
  RebuildJournal1764950000000,
  SubtreeStats1765000000000,
  ByteOrderCodes1765100000000,
];

/**
 * A TypeORM DataSource over an already open pool (a pg.Pool on the PostgreSQL server, or
 * the PGlite pool in embedded mode), so TypeORM, the event store and the projector share
 * one set of connections and one type-parsing rule. Schema changes only by migrations.
 */
export function createReadModelDataSource(pool: SqlPool): DataSource {
  return new DataSource({
    type: 'postgres',
    driver: { Pool: function SharedPool() { return pool; }, defaults: {} },
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'rm_migrations',
    synchronize: false,
    logging: false,
  });
}

/** Initialises the DataSource and applies pending migrations (each in its own transaction). */
export async function openReadModels(pool: SqlPool): Promise<DataSource> {
  const dataSource = createReadModelDataSource(pool);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
