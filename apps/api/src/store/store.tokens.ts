/** The event log (`EventStore` from #event-store). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The SQL pool of the read models and the API's own tables (`SqlPool` from #event-store). */
export const READ_POOL = Symbol('READ_POOL');
