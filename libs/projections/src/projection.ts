import type { DomainEvent } from '#domain';
import type { LoggedEvent, SqlClient } from '#event-store';

/** A domain event as read from the log: upcast to its current shape, with its envelope. */
export interface ProjectedEvent {
  readonly event: DomainEvent;
  readonly recorded: LoggedEvent;
}

/**
 * A projection turns batches of events into read-model rows. `apply` runs inside the
 * runner's transaction, which also saves the checkpoint: the rows and the checkpoint
 * commit together or not at all.
 */
export interface Projection {
  readonly name: string;
  /** Bumped whenever the rows it would build from the same log change. */
  readonly version: number;
  /** The read-model tables it writes, all of which a rebuild builds afresh and swaps in. */
  readonly tables: readonly string[];
  apply(tx: SqlClient, events: readonly ProjectedEvent[]): Promise<void>;
  /**
   * Optional, for a rebuild's first pass over empty tables: a fold of many batches in
   * memory that writes its rows once. Must build exactly the rows `apply` would.
   */
  foldInMemory?(): InMemoryFold;
}

export interface InMemoryFold {
  apply(events: readonly ProjectedEvent[]): Promise<void>;
  /** Writes every row folded so far into the tables the caller's transaction has just emptied. */
  write(tx: SqlClient): Promise<void>;
}
