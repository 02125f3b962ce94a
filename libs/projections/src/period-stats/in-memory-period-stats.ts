import { UPCASTERS, type DomainEventOf, type DomainEventType } from '#domain';
import { yearAndMonthOf } from '#read-models';
import type { EventStore, RepeatedKeys, SqlClient } from '#event-store';
import type { FoldBounds, FoldedShare, ProjectedEvent, SplitFold, TableLoad } from '../projection.js';
import { copyInto, HeldRows } from '../sql/copy-into.js';
import { inKeyOrder, inOwnerOrder } from './in-key-order.js';
import { InMemoryUnitTree } from './in-memory-unit-tree.js';
import { applyPeriodStatsEvent, ledgerUnitOf, type PeriodStatsState } from './period-stats-rules.js';
import type { AwardRow, EntryRow, ModelRow } from './read-model-rows.js';
import { AWARD_COLUMNS, ENTRY_COLUMNS, MODEL_COLUMNS, PHASE_COLUMNS } from './read-model-tables.js';
import type { StatDelta } from './stats-accumulator.js';
import { MonthSumRows, type MonthSums } from './month-sum-rows.js';
import { FactKeyIds } from './fact-key-ids.js';
import { EndOfLogSubtreeSums, type SubtreeRowsMade } from './end-of-log-subtree-sums.js';

type PhaseDefinition = DomainEventOf<'PhaseDefined'>['data'];

const LEDGER_EVENTS: readonly DomainEventType[] = ['WorkdaysLogged', 'ContributionRecorded', 'EntryVoided'];

/**
 * What the rules of one stream read from others: the unit tree (path versions, ancestors;
 * a merge moves each share's own sums), the phases (written by the first share), and a
 * model's field (an award or workday names a model of another stream).
 */
const TYPES_OF_EVERY_SHARE: readonly DomainEventType[] = ['UnitRegistered', 'UnitMerged', 'PhaseDefined', 'ModelRegistered'];

/** A share's rows as the first share merges them (see SplitFold): the rest of its tables as COPY text. */
interface PeriodStatsShare {
  readonly entries: readonly Uint8Array[];
  readonly models: readonly Uint8Array[];
  readonly awards: readonly Uint8Array[];
  readonly own: MonthSums;
  readonly subtreeRowsMade: SubtreeRowsMade;
}

/**
 * The store finds repeated entry ids in the data as stored: the ids the rules see while no
 * upcaster rewrites a ledger event.
 */
const LEDGER_DATA_AS_STORED = LEDGER_EVENTS.every((type) => UPCASTERS[type] === undefined);

/**
 * period-stats over a whole log held in memory (a rebuild's first pass into empty tables):
 * the same rules as the live batches, but no row is read back and each table is written
 * once, at the end, by COPY.
 */
export class InMemoryPeriodStats implements PeriodStatsState, SplitFold {
  readonly typesOfEveryShare = TYPES_OF_EVERY_SHARE;
  readonly models = new Map<string, ModelRow>();
  readonly awards = new Map<string, AwardRow>();
  /** Models of other shares' streams: only their fields. */
  private readonly otherShareFields = new Map<string, string>();
  /** Other shares' models and awards, as text. */
  private readonly otherModels = new HeldRows(MODEL_COLUMNS);
  private readonly otherAwards = new HeldRows(AWARD_COLUMNS);
  /**
   * unit → entry id → entry, for the entries a later event of the pass may change (a void,
   * or an entry logged again under the same id): every entry, unless the store said which
   * ids it will meet again. Maps that stay small.
   */
  private readonly entries = new Map<string, Map<string, EntryRow>>();
  /**
   * The other entries, most of them (~660,000 per 1,000,000 events), as the text their COPY
   * will send: no object per entry for the collector to copy and trace.
   */
  private readonly finalEntries = new HeldRows(ENTRY_COLUMNS);
  /** unit → ids of its entries met more than once in the pass, when the store said. */
  private metAgain: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /** The store's answer to `begin`'s search, not yet taken. */
  private search: { readonly pairs: RepeatedKeys } | { readonly error: unknown } | undefined;
  private readonly tree = new InMemoryUnitTree();
  /** rm_year_stats: at the recording unit. */
  private readonly own = new MonthSumRows('rm_year_stats', [
    { name: 'unit_id', type: 'text' },
    { name: 'year', type: 'integer' },
    { name: 'path_version', type: 'integer' },
    { name: 'field', type: 'text' },
    { name: 'metric', type: 'text' },
  ]);
  /** rm_subtree_stats: at each current strict ancestor of the recording unit, summed at the end. */
  private readonly subtree = new EndOfLogSubtreeSums(this.own);
  private readonly keys = new FactKeyIds(this.own);
  private readonly phases = new Map<string, PhaseDefinition>();

  /**
   * Asks the store which entry ids the log holds more than once, up to its head, when it
   * can say (and reads them as the rules will), and stops the pass at that head: a later
   * void could otherwise meet an entry no longer kept. The search (~1 s of the server per
   * 1,000,000 events) runs while the pass folds; until it answers, every entry is kept.
   */
  async begin(store: EventStore): Promise<FoldBounds> {
    if (!store.findRepeatedKeys || !store.headCheckpoint || !LEDGER_DATA_AS_STORED) return {};
    const through = await store.headCheckpoint();
    if (through === undefined) return {};
    const search = store.findRepeatedKeys({ types: LEDGER_EVENTS, dataKey: 'entryId', through });
    search.then(
      (pairs) => this.learn(pairs),
      (error: unknown) => (this.search = { error }),
    );
    return { stopAfter: through, forOtherShares: search };
  }

  /** The store's answer to the search `begin` started (here or in the first share's fold). */
  learn(pairs: unknown): void {
    this.search = { pairs: pairs as RepeatedKeys };
  }

  async apply(events: readonly ProjectedEvent[]): Promise<void> {
    this.takeSearchAnswer();
    for (const { event, recorded } of events) {
      if (recorded.otherShare && event.type === 'ModelRegistered') this.otherShareFields.set(event.data.modelId, event.data.field);
      else await applyPeriodStatsEvent(this, event, recorded.position, recorded.streamName);
    }
  }

  modelFieldOf(modelId: string): string | undefined {
    return this.models.get(modelId)?.field ?? this.otherShareFields.get(modelId);
  }

  /** Every row of this share but the unit tree's and the phases' (the first share's). */
  takeShare(): FoldedShare {
    this.takeSearchAnswer();
    for (const row of entriesOf(inOwnerOrder(this.entries))) this.finalEntries.add(row);
    this.entries.clear();
    const models = new HeldRows(MODEL_COLUMNS);
    for (const row of inKeyOrder(this.models)) models.add(row);
    const awards = new HeldRows(AWARD_COLUMNS);
    for (const row of inKeyOrder(this.awards)) awards.add(row);
    const rows: PeriodStatsShare = {
      entries: this.finalEntries.take(),
      models: models.take(),
      awards: awards.take(),
      own: this.own.sums(),
      subtreeRowsMade: this.subtree.rowsMade(),
    };
    const arrays = [rows.own.slotOwners, rows.own.slotRests, rows.own.months];
    return { rows, transfer: [...rows.entries, ...rows.models, ...rows.awards, ...arrays].filter(ownsItsBuffer).map((view) => view.buffer as ArrayBuffer) };
  }

  mergeShare(shareRows: unknown): void {
    const rows = shareRows as PeriodStatsShare;
    this.finalEntries.adopt(rows.entries);
    this.otherModels.adopt(rows.models);
    this.otherAwards.adopt(rows.awards);
    this.own.addAll(rows.own);
    this.subtree.adoptRowsMade(rows.subtreeRowsMade);
  }

  /**
   * One load per table (the unit tree's three together), the longest first so that two
   * at a time end together: the ledger entries (held as text already) and the year rows
   * take ~2.5 s of the server each per 1,000,000 events.
   */
  loads(): TableLoad[] {
    // An answer that comes later still is dropped: every entry is then written as a row.
    this.takeSearchAnswer();
    return [
      {
        tables: ['rm_ledger_entries'],
        write: async (tx) => {
          await this.finalEntries.copyInto(tx, 'rm_ledger_entries');
          await copyInto(tx, 'rm_ledger_entries', ENTRY_COLUMNS, entriesOf(inOwnerOrder(this.entries)));
        },
      },
      { tables: ['rm_year_stats'], write: (tx) => this.own.write(tx) },
      {
        tables: ['rm_awards'],
        write: async (tx) => {
          await copyInto(tx, 'rm_awards', AWARD_COLUMNS, inKeyOrder(this.awards));
          await this.otherAwards.copyInto(tx, 'rm_awards');
        },
      },
      {
        tables: ['rm_models'],
        write: async (tx) => {
          await copyInto(tx, 'rm_models', MODEL_COLUMNS, inKeyOrder(this.models));
          await this.otherModels.copyInto(tx, 'rm_models');
        },
      },
      { tables: ['rm_subtree_stats'], write: (tx) => this.subtree.sum(this.tree.bottomUp()).write(tx) },
      { tables: ['rm_units', 'rm_unit_closure', 'rm_unit_path_closure'], write: (tx) => this.tree.write(tx) },
      { tables: ['rm_phases'], write: (tx) => copyInto(tx, 'rm_phases', PHASE_COLUMNS, this.phases.values()) },
    ];
  }

  changed(): void {
    // Every row is written at the end.
  }

  changedEntry(): void {
    // Every row is written at the end.
  }

  entryOf(unitId: string, entryId: string): EntryRow | undefined {
    return this.entries.get(unitId)?.get(entryId);
  }

  addEntry(row: EntryRow): void {
    if (this.metAgain && !this.metAgain.get(row.unitId)?.has(row.entryId)) {
      this.finalEntries.add(row);
      return;
    }
    let ledger = this.entries.get(row.unitId);
    if (ledger === undefined) this.entries.set(row.unitId, (ledger = new Map()));
    ledger.set(row.entryId, row);
  }

  addStat(delta: StatDelta): void {
    const { year, month } = yearAndMonthOf(delta.day);
    this.own.add(delta.unitId, this.keys.ownId(year, delta.pathVersion, delta.field, delta.metric), month, delta.amount);
  }

  pathVersionOf(unitId: string): number {
    return this.tree.pathVersionOf(unitId);
  }

  registerUnit(unit: DomainEventOf<'UnitRegistered'>['data']): void {
    this.tree.register(unit);
  }

  /** The merged subtree's sums move to its new ancestors as the tree does (see EndOfLogSubtreeSums). */
  mergeUnit(merge: DomainEventOf<'UnitMerged'>['data']): void {
    const { losing, gaining } = this.tree.ancestorShift(merge.unitId, merge.intoUnitId);
    this.subtree.merging(merge.unitId, this.tree.unitsUnder(merge.unitId), [...losing, ...gaining]);
    this.tree.merge(merge);
  }

  /**
   * Between pages (never inside one): from the store's answer on, only the entries met
   * again are kept as rows; the ones kept so far that are not become text like the rest.
   */
  private takeSearchAnswer(): void {
    const search = this.search;
    if (search === undefined) return;
    this.search = undefined;
    if ('error' in search) throw search.error;
    const metAgain = new Map<string, Set<string>>();
    for (const [streamName, entryId] of search.pairs) {
      const unitId = ledgerUnitOf(streamName);
      let ids = metAgain.get(unitId);
      if (!ids) metAgain.set(unitId, (ids = new Set()));
      ids.add(entryId);
    }
    this.metAgain = metAgain;
    for (const [unitId, ledger] of this.entries) {
      const again = metAgain.get(unitId);
      for (const [entryId, row] of ledger) {
        if (again?.has(entryId)) continue;
        this.finalEntries.add(row);
        ledger.delete(entryId);
      }
      if (ledger.size === 0) this.entries.delete(unitId);
    }
  }

  definePhase(phase: PhaseDefinition): void {
    if (!this.phases.has(phase.phaseId)) this.phases.set(phase.phaseId, phase);
  }
}

/** A view whose buffer holds it alone (not one of Node's shared pools), which can be moved to another thread. */
function ownsItsBuffer(view: ArrayBufferView): boolean {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && !(view.buffer instanceof SharedArrayBuffer);
}

function* entriesOf(ledgers: Iterable<[string, ReadonlyMap<string, EntryRow>]>): Generator<EntryRow> {
  for (const [, ledger] of ledgers) yield* ledger.values();
}
