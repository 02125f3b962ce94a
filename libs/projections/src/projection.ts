import type { DomainEvent } from '#domain';
import type { EventStore, LoggedEvent, SqlClient } from '#event-store';

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

export interface FoldBounds {
  /** The checkpoint of the last event the pass may fold; none: as far as the log goes. */
  readonly stopAfter?: string;
  /** What `begin` learns that the folds of the other shares need too (see InMemoryFold.learn). */
  readonly forOtherShares?: Promise<unknown>;
}

/**
 * What a fold of one share of the log hands the fold of the first share (see SplitFold):
 * a value another thread can be sent, and the buffers to move to it instead of copying.
 */
export interface FoldedShare {
  readonly rows: unknown;
  readonly transfer: readonly ArrayBuffer[];
}

export interface InMemoryFold {
  /**
   * Called before the first `apply`. Resolves with the checkpoint the pass must stop after,
   * when the fold relies on knowing the log only up to there.
   */
  begin(store: EventStore): Promise<FoldBounds>;
  apply(events: readonly ProjectedEvent[]): Promise<void>;
  /**
   * The rows folded so far, as loads of disjoint sets of tables, which together name every
   * table of the projection. Each runs in a transaction of its own that has just emptied
   * its tables, two at a time on a PostgreSQL server.
   */
  loads(): readonly TableLoad[];
}

/**
 * A fold that can be split by stream, one fold per share of the log (see LogShare) side by
 * side, when every stream's events depend on the others' only through events of
 * `typesOfEveryShare` (each share reads those too, marked `otherShare`). The first share's
 * fold begins, merges the others' rows and writes them all; the others only apply.
 */
export interface SplitFold extends InMemoryFold {
  readonly typesOfEveryShare: readonly string[];
  /** Takes what the first share's `begin` found for the others (its `forOtherShares`). */
  learn(findings: unknown): void;
  /** This share's rows, which this fold gives up. */
  takeShare(): FoldedShare;
  /** Adds another share's rows to this fold's. */
  mergeShare(rows: unknown): void;
}

export function isSplitFold(fold: InMemoryFold): fold is SplitFold {
  return 'takeShare' in fold && 'mergeShare' in fold;
}

export interface TableLoad {
  readonly tables: readonly string[];
  write(tx: SqlClient): Promise<void>;
}
