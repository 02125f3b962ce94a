import type { DomainEventOf } from '#domain';
import { yearAndMonthOf } from '#read-models';
import type { SqlClient } from '#event-store';
import type { InMemoryFold, ProjectedEvent } from '../projection.js';
import { copyInto } from '../sql/copy-into.js';
import { inKeyOrder, inOwnerOrder } from './in-key-order.js';
import { InMemoryUnitTree } from './in-memory-unit-tree.js';
import { applyPeriodStatsEvent, type PeriodStatsState } from './period-stats-rules.js';
import type { AwardRow, EntryRow, ModelRow } from './read-model-rows.js';
import { AWARD_COLUMNS, ENTRY_COLUMNS, insertPhase, MODEL_COLUMNS } from './read-model-tables.js';
import type { StatDelta } from './stats-accumulator.js';
import { keyRest, MonthSumRows } from './month-sum-rows.js';

type PhaseDefinition = DomainEventOf<'PhaseDefined'>['data'];

/**
 * period-stats over a whole log held in memory (a rebuild's first pass into empty tables):
 * the same rules as the live batches, but no row is read back and each table is written
 * once, at the end, by COPY.
 */
export class InMemoryPeriodStats implements PeriodStatsState, InMemoryFold {
  readonly models = new Map<string, ModelRow>();
  readonly awards = new Map<string, AwardRow>();
  /** unit → entry id → entry: ~670,000 entries of 10,000 units, in maps that stay small. */
  private readonly entries = new Map<string, Map<string, EntryRow>>();
  private readonly tree = new InMemoryUnitTree();
  /** rm_year_stats: at the recording unit. */
  private readonly own = new MonthSumRows('rm_year_stats', [
    { name: 'unit_id', type: 'text' },
    { name: 'year', type: 'integer' },
    { name: 'path_version', type: 'integer' },
    { name: 'field', type: 'text' },
    { name: 'metric', type: 'text' },
  ]);
  /** rm_subtree_stats: at each current strict ancestor of the recording unit. */
  private readonly subtree = new MonthSumRows('rm_subtree_stats', [
    { name: 'ancestor_id', type: 'text' },
    { name: 'year', type: 'integer' },
    { name: 'field', type: 'text' },
    { name: 'metric', type: 'text' },
  ]);
  private readonly phases = new Map<string, PhaseDefinition>();

  async apply(events: readonly ProjectedEvent[]): Promise<void> {
    for (const { event, recorded } of events) await applyPeriodStatsEvent(this, event, recorded.position, recorded.streamName);
  }

  async write(tx: SqlClient): Promise<void> {
    await this.tree.write(tx);
    for (const phase of this.phases.values()) await insertPhase(tx, phase);
    await copyInto(tx, 'rm_models', MODEL_COLUMNS, inKeyOrder(this.models));
    await copyInto(tx, 'rm_awards', AWARD_COLUMNS, inKeyOrder(this.awards));
    await copyInto(tx, 'rm_ledger_entries', ENTRY_COLUMNS, entriesOf(inOwnerOrder(this.entries)));
    await this.own.write(tx);
    await this.subtree.write(tx);
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
    let ledger = this.entries.get(row.unitId);
    if (ledger === undefined) this.entries.set(row.unitId, (ledger = new Map()));
    ledger.set(row.entryId, row);
  }

  addStat(delta: StatDelta): void {
    const { year, month } = yearAndMonthOf(delta.day);
    this.own.add(delta.unitId, this.own.restId(keyRest(year, delta.pathVersion, delta.field, delta.metric)), month, delta.amount);
    const rest = this.subtree.restId(keyRest(year, delta.field, delta.metric));
    for (const ancestorId of this.tree.strictAncestorsOf(delta.unitId)) this.subtree.add(ancestorId, rest, month, delta.amount);
  }

  pathVersionOf(unitId: string): number {
    return this.tree.pathVersionOf(unitId);
  }

  registerUnit(unit: DomainEventOf<'UnitRegistered'>['data']): void {
    this.tree.register(unit);
  }

  /** As the SQL of unit-tree.ts: the merged subtree's sums move to its new ancestors. */
  mergeUnit(merge: DomainEventOf<'UnitMerged'>['data']): void {
    const { losing, gaining } = this.tree.ancestorShift(merge.unitId, merge.intoUnitId);
    if (losing.length + gaining.length > 0) {
      const moved = this.subtreeSums(merge.unitId);
      for (const [rest, months] of moved) {
        for (const ancestorId of losing) this.subtree.addMonths(ancestorId, rest, months, -1);
        for (const ancestorId of gaining) this.subtree.addMonths(ancestorId, rest, months, 1);
      }
    }
    this.tree.merge(merge);
  }

  /**
   * The sums of a unit's subtree per year × field × metric (by rm_subtree_stats' key id):
   * its own rows (every path version) and its subtree rows.
   */
  private subtreeSums(unitId: string): Map<number, Float64Array> {
    const sums = new Map<number, Float64Array>();
    const addTo = (restId: number, months: Float64Array) => {
      let sum = sums.get(restId);
      if (!sum) sums.set(restId, (sum = new Float64Array(12)));
      for (let i = 0; i < 12; i++) sum[i]! += months[i]!;
    };
    for (const { rest: [year, , field, metric], months } of this.own.rowsOf(unitId)) addTo(this.subtree.restId(keyRest(year!, field!, metric!)), months);
    for (const { restId, months } of this.subtree.rowsOf(unitId)) addTo(restId, months);
    return sums;
  }

  definePhase(phase: PhaseDefinition): void {
    if (!this.phases.has(phase.phaseId)) this.phases.set(phase.phaseId, phase);
  }
}

function* entriesOf(ledgers: Iterable<[string, ReadonlyMap<string, EntryRow>]>): Generator<EntryRow> {
  for (const [, ledger] of ledgers) yield* ledger.values();
}
