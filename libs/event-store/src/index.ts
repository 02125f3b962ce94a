export * from './event-store.port.js';
export * from './sql/sql-pool.js';
export * from './sql/type-parsers.js';
export * from './sql/pg-server-pool.js';
export * from './sql/pglite-pool.js';
export * from './sql/embedded-database.js';
export * from './postgres/checkpoint.js';
export * from './postgres/postgres-event-store.js';
