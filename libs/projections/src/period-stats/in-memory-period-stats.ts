import type { DomainEventOf } from '#domain';
import type { SqlClient } from '#event-store';
import type { InMemoryFold, ProjectedEvent } from '../projection.js';
import { copyInto } from '../sql/copy-into.js';
import { inKeyOrder } from './in-key-order.js';
import { InMemoryUnitTree } from './in-memory-unit-tree.js';
import { applyPeriodStatsEvent, type PeriodStatsState } from './period-stats-rules.js';
import type { AwardRow, EntryRow, ModelRow } from './read-model-rows.js';
import { AWARD_COLUMNS, ENTRY_COLUMNS, insertPhase, MODEL_COLUMNS } from './read-model-tables.js';
import type { StatDelta } from './stats-accumulator.js';
import { YearSums } from './year-sums.js';

type PhaseDefinition = DomainEventOf<'PhaseDefined'>['data'];

/**
 * period-stats over a whole log held in memory (a rebuild's first pass into empty tables):
 * the same rules as the live batches, but no row is read back and each table is written
 * once, at the end, by COPY.
 */
export class InMemoryPeriodStats implements PeriodStatsState, InMemoryFold {
  readonly models = new Map<string, ModelRow>();
  readonly awards = new Map<string, AwardRow>();
  readonly entries = new Map<string, EntryRow>();
  private readonly tree = new InMemoryUnitTree();
  private readonly sums = new YearSums();
  private readonly phases = new Map<string, PhaseDefinition>();

  async apply(events: readonly ProjectedEvent[]): Promise<void> {
    for (const { event, recorded } of events) await applyPeriodStatsEvent(this, event, recorded.position, recorded.streamName);
  }

  async write(tx: SqlClient): Promise<void> {
    await this.tree.write(tx);
    for (const phase of this.phases.values()) await insertPhase(tx, phase);
    await copyInto(tx, 'rm_models', MODEL_COLUMNS, inKeyOrder(this.models));
    await copyInto(tx, 'rm_awards', AWARD_COLUMNS, inKeyOrder(this.awards));
    await copyInto(tx, 'rm_ledger_entries', ENTRY_COLUMNS, inKeyOrder(this.entries));
    await this.sums.write(tx);
  }

  changed(): void {
    // Every row is written at the end.
  }

  addStat(delta: StatDelta): void {
    this.sums.add(delta);
  }

  pathVersionOf(unitId: string): number {
    return this.tree.pathVersionOf(unitId);
  }

  registerUnit(unit: DomainEventOf<'UnitRegistered'>['data']): void {
    this.tree.register(unit);
  }

  mergeUnit(merge: DomainEventOf<'UnitMerged'>['data']): void {
    this.tree.merge(merge);
  }

  definePhase(phase: PhaseDefinition): void {
    if (!this.phases.has(phase.phaseId)) this.phases.set(phase.phaseId, phase);
  }
}
