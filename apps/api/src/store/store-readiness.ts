import type { EventStore, SqlPool } from '#event-store';
import type { ReadinessChecksProvider } from '../infrastructure/health/health.module.js';
import { EVENT_STORE, READ_POOL } from './store.tokens.js';

/**
 * GET /health/ready of the API and the projector: ready only while the log and the read
 * models both answer (two servers once the log is on EventStoreDB).
 */
export const storeReadinessChecks: ReadinessChecksProvider = {
  inject: [EVENT_STORE, READ_POOL],
  useFactory: (store: EventStore, pool: SqlPool) => [
    { name: 'event-store', check: () => store.ping() },
    { name: 'read-models', check: async () => void (await pool.query('SELECT 1')) },
  ],
};
