import type { DomainEventOf } from '#domain';
import type { SqlClient } from '#event-store';
import type { Projection, ProjectedEvent } from '../projection.js';
import { upsertRows } from '../sql/unnest-upsert.js';
import { InMemoryPeriodStats } from './in-memory-period-stats.js';
import {
  applyPeriodStatsEvent,
  entryKey,
  ledgerUnitOf,
  recordingUnit,
  referencedModel,
  type PeriodStatsState,
} from './period-stats-rules.js';
import type { AwardRow, EntryRow, ModelRow } from './read-model-rows.js';
import {
  AWARD_COLUMNS,
  ENTRY_COLUMNS,
  insertPhase,
  loadRows,
  MODEL_COLUMNS,
  rawToAward,
  rawToEntry,
  rawToModel,
} from './read-model-tables.js';
import { StatsAccumulator, type StatDelta } from './stats-accumulator.js';
import { addMonthSums } from './year-stats-upsert.js';
import { applyUnitMerged, loadPathVersions, PendingUnitRegistrations, subtreeOf } from './unit-tree.js';

export const PERIOD_STATS = 'period-stats';

/**
 * period-stats: the statistics per period × unit × field × metric and the model, award and
 * ledger-entry rows they are placed by (rules: period-stats-rules.ts).
 */
export class PeriodStatsProjection implements Projection {
  readonly name = PERIOD_STATS;
  /**
   * 2 (2026-12-06): in an imported log, a unit's facts recorded before its registration join
   * its ancestors' subtree sums when it is registered, and a unit registered again keeps
   * its place and its path version, whatever the batches.
   */
  readonly version = 2;
  readonly tables = [
    'rm_units',
    'rm_unit_closure',
    'rm_unit_path_closure',
    'rm_phases',
    'rm_models',
    'rm_awards',
    'rm_ledger_entries',
    'rm_year_stats',
    'rm_subtree_stats',
  ];

  async apply(tx: SqlClient, events: readonly ProjectedEvent[]): Promise<void> {
    const batch = await PeriodStatsBatch.load(tx, events);
    for (const { event, recorded } of events) await applyPeriodStatsEvent(batch, event, recorded.position, recorded.streamName);
    await batch.flush();
  }

  foldInMemory(): InMemoryPeriodStats {
    return new InMemoryPeriodStats();
  }
}

type UnitRegistration = DomainEventOf<'UnitRegistered'>['data'];

/** The rows one batch reads and changes, held in memory and written once at the end. */
class PeriodStatsBatch implements PeriodStatsState {
  private readonly stats = new StatsAccumulator();
  private readonly registrations = new PendingUnitRegistrations();
  private readonly touched = { models: new Set<string>(), awards: new Set<string>(), entries: new Set<string>() };

  private constructor(
    private readonly tx: SqlClient,
    readonly models: Map<string, ModelRow>,
    readonly awards: Map<string, AwardRow>,
    /** Keyed by `entryKey(unitId, entryId)`. */
    private readonly entries: Map<string, EntryRow>,
    private readonly pathVersions: Map<string, number>,
  ) {}

  static async load(tx: SqlClient, events: readonly ProjectedEvent[]): Promise<PeriodStatsBatch> {
    const modelIds = new Set<string>();
    const awardIds = new Set<string>();
    const entryUnits: string[] = [];
    const entryIds: string[] = [];
    const unitIds = new Set<string>();
    for (const { event, recorded } of events) {
      const modelId = referencedModel(event);
      if (modelId) modelIds.add(modelId);
      const unitId = recordingUnit(event, recorded.streamName);
      if (unitId) unitIds.add(unitId);
      if (event.type === 'AwardRevoked') awardIds.add(event.data.awardId);
      if (event.type === 'EntryVoided') {
        entryUnits.push(ledgerUnitOf(recorded.streamName));
        entryIds.push(event.data.entryId);
      }
    }
    // One after the other: a transaction's client runs one statement at a time.
    const models = await loadRows(tx, 'rm_models', MODEL_COLUMNS, 'model_id = ANY($1::text[])', [[...modelIds]], rawToModel);
    const awards = await loadRows(tx, 'rm_awards', AWARD_COLUMNS, 'award_id = ANY($1::text[])', [[...awardIds]], rawToAward);
    const entries = await loadRows(
      tx,
      'rm_ledger_entries',
      ENTRY_COLUMNS,
      '(unit_id, entry_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
      [entryUnits, entryIds],
      rawToEntry,
    );
    for (const model of models) unitIds.add(model.unitId);
    for (const award of awards) unitIds.add(award.recipientUnitId);
    return new PeriodStatsBatch(
      tx,
      new Map(models.map((row) => [row.modelId, row])),
      new Map(awards.map((row) => [row.awardId, row])),
      new Map(entries.map((row) => [entryKey(row.unitId, row.entryId), row])),
      await loadPathVersions(tx, [...unitIds]),
    );
  }

  changed(table: 'models' | 'awards', key: string): void {
    this.touched[table].add(key);
  }

  modelFieldOf(modelId: string): string | undefined {
    return this.models.get(modelId)?.field;
  }

  entryOf(unitId: string, entryId: string): EntryRow | undefined {
    return this.entries.get(entryKey(unitId, entryId));
  }

  addEntry(row: EntryRow): void {
    this.entries.set(entryKey(row.unitId, row.entryId), row);
    this.changedEntry(row);
  }

  changedEntry(row: EntryRow): void {
    this.touched.entries.add(entryKey(row.unitId, row.entryId));
  }

  addStat(delta: StatDelta): void {
    this.stats.add(delta);
  }

  pathVersionOf(unitId: string): number {
    return this.pathVersions.get(unitId) ?? 0;
  }

  registerUnit(unit: UnitRegistration): void {
    // A unit registered again keeps its path version (see firstRegistrations).
    if (!this.pathVersions.has(unit.unitId)) this.pathVersions.set(unit.unitId, 0);
    this.registrations.add(unit);
  }

  async mergeUnit(merge: DomainEventOf<'UnitMerged'>['data']): Promise<void> {
    // The merge moves the merged subtree's stored sums: its facts of this batch must be
    // stored first, or they would be added under the new ancestors only, never under the
    // old (the sums agree; the rows would not, with a rebuild or other batch sizes). Other
    // units' ancestors do not change: their sums wait for the end of the batch.
    await this.registrations.flush(this.tx);
    const moving = new Set(await subtreeOf(this.tx, merge.unitId));
    await addMonthSums(this.tx, this.stats.drain((unitId) => moving.has(unitId)));
    for (const [unitId, version] of await applyUnitMerged(this.tx, merge)) this.pathVersions.set(unitId, version);
  }

  async definePhase(phase: DomainEventOf<'PhaseDefined'>['data']): Promise<void> {
    await insertPhase(this.tx, phase);
  }

  async flush(): Promise<void> {
    await this.registrations.flush(this.tx);
    await addMonthSums(this.tx, this.stats.drain());
    const replace = { kind: 'replace' } as const;
    await upsertRows(this.tx, 'rm_models', MODEL_COLUMNS, ['model_id'], replace, pick(this.models, this.touched.models));
    await upsertRows(this.tx, 'rm_awards', AWARD_COLUMNS, ['award_id'], replace, pick(this.awards, this.touched.awards));
    await upsertRows(this.tx, 'rm_ledger_entries', ENTRY_COLUMNS, ['unit_id', 'entry_id'], replace, pick(this.entries, this.touched.entries));
  }
}

function pick<Row>(rows: ReadonlyMap<string, Row>, keys: ReadonlySet<string>): Row[] {
  return [...keys].map((key) => rows.get(key)!);
}
