/** The event log (`EventStore` from #event-store). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The SQL pool of the read models and the API's own tables (`SqlPool` from #event-store). */
export const READ_POOL = Symbol('READ_POOL');
/** `<T>(migrate: () => Promise<T>) => Promise<T>`: runs schema migrations one process at a time. */
export const MIGRATIONS = Symbol('MIGRATIONS');
/** The TypeORM `DataSource` of the read models, migrated (from #read-models). */
export const READ_MODELS = Symbol('READ_MODELS');
/** A `ConsistencyGate`: lets a query wait until the read models cover a log position. */
export const CONSISTENCY_GATE = Symbol('CONSISTENCY_GATE');

export interface ConsistencyGate {
  /**
   * Resolves true once every projection has processed the event at `position`, false when
   * `timeoutMs` passes first (the caller answers 503).
   */
  waitUntilCovered(position: bigint, timeoutMs: number): Promise<boolean>;
}
