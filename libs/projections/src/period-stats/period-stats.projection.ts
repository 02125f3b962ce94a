import { UNCLASSIFIED_FIELD, type DomainEvent, type DomainEventOf } from '#domain';
import type { SqlClient } from '#event-store';
import { STAT_METRIC } from '#read-models';
import type { Projection, ProjectedEvent } from '../projection.js';
import { upsertRows, type Column } from '../sql/unnest-upsert.js';
import type { AwardRow, EntryRow, ModelRow } from './read-model-rows.js';
import {
  AWARD_COLUMNS,
  ENTRY_COLUMNS,
  loadRows,
  MODEL_COLUMNS,
  rawToAward,
  rawToEntry,
  rawToModel,
} from './read-model-tables.js';
import { StatsAccumulator, type StatDelta } from './stats-accumulator.js';
import { addMonthSums } from './year-stats-upsert.js';
import { applyUnitMerged, loadPathVersions, PendingUnitRegistrations } from './unit-tree.js';

export const PERIOD_STATS = 'period-stats';

/**
 * period-stats: per period × unit (where recorded) × field × metric, one number (DESIGN §2),
 * plus the model, award and ledger-entry rows it needs to place later events (a revocation
 * takes back the grant's count; a void its entry's quantity) and that the lists serve.
 */
export class PeriodStatsProjection implements Projection {
  readonly name = PERIOD_STATS;
  readonly version = 1;
  readonly tables = [
    'rm_units',
    'rm_unit_closure',
    'rm_unit_path_closure',
    'rm_phases',
    'rm_models',
    'rm_awards',
    'rm_ledger_entries',
    'rm_year_stats',
  ];

  async apply(tx: SqlClient, events: readonly ProjectedEvent[]): Promise<void> {
    const batch = await PeriodStatsBatch.load(tx, events);
    for (const { event, recorded } of events) await batch.apply(event, recorded.position, recorded.streamName);
    await batch.flush();
  }
}

/** The rows one batch reads and changes, held in memory and written once at the end. */
class PeriodStatsBatch {
  private readonly stats = new StatsAccumulator();
  private readonly registrations = new PendingUnitRegistrations();

  private constructor(
    private readonly tx: SqlClient,
    private readonly models: Map<string, ModelRow>,
    private readonly awards: Map<string, AwardRow>,
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

  private readonly touchedModels = new Set<string>();
  private readonly touchedAwards = new Set<string>();
  private readonly touchedEntries = new Set<string>();

  async apply(event: DomainEvent, position: bigint, streamName: string): Promise<void> {
    switch (event.type) {
      case 'UnitRegistered':
        this.pathVersions.set(event.data.unitId, 0);
        return this.registrations.add(event.data);
      case 'UnitMerged':
        await this.registrations.flush(this.tx);
        for (const [unitId, version] of await applyUnitMerged(this.tx, event.data)) this.pathVersions.set(unitId, version);
        return;
      case 'PhaseDefined':
        return this.definePhase(event);
      case 'ModelRegistered':
      case 'ModelRecognized':
      case 'ModelWithdrawn':
        return this.applyModelEvent(event, position);
      case 'AwardGranted':
      case 'AwardRevoked':
        return this.applyAwardEvent(event, position);
      case 'WorkdaysLogged':
      case 'ContributionRecorded':
      case 'EntryVoided':
        return this.applyLedgerEvent(event, ledgerUnitOf(streamName));
    }
  }

  async flush(): Promise<void> {
    await this.registrations.flush(this.tx);
    await addMonthSums(this.tx, this.stats.drain());
    await upsertRows(this.tx, 'rm_models', MODEL_COLUMNS, ['model_id'], { kind: 'replace' }, pick(this.models, this.touchedModels));
    await upsertRows(this.tx, 'rm_awards', AWARD_COLUMNS, ['award_id'], { kind: 'replace' }, pick(this.awards, this.touchedAwards));
    await upsertRows(
      this.tx,
      'rm_ledger_entries',
      ENTRY_COLUMNS,
      ['unit_id', 'entry_id'],
      { kind: 'replace' },
      pick(this.entries, this.touchedEntries),
    );
  }

  /** A phase is answered from the year rows it spans (see #read-models' stats-periods). */
  private async definePhase(event: DomainEventOf<'PhaseDefined'>): Promise<void> {
    const { phaseId, name, startsOn, endsOn } = event.data;
    await this.tx.query(
      `INSERT INTO rm_phases (phase_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4)
       ON CONFLICT (phase_id) DO NOTHING`,
      [phaseId, name, startsOn, endsOn],
    );
  }

  private applyModelEvent(
    event: DomainEventOf<'ModelRegistered' | 'ModelRecognized' | 'ModelWithdrawn'>,
    position: bigint,
  ): void {
    if (event.type === 'ModelRegistered') {
      const d = event.data;
      const row: ModelRow = {
        modelId: d.modelId,
        unitId: d.unitId,
        title: d.title,
        field: d.field,
        holderKind: d.holderKind,
        holderName: d.holderName,
        registeredOn: d.registeredOn,
        status: 'registered',
        recognizedOn: null,
        recognizedBy: null,
        recognitionDecision: null,
        exemplaryOn: null,
        exemplaryBy: null,
        exemplaryDecision: null,
        withdrawnOn: null,
        withdrawalReason: null,
        position: position.toString(),
      };
      this.models.set(d.modelId, row);
      this.touchedModels.add(d.modelId);
      this.count(d.registeredOn, row, STAT_METRIC.modelsRegistered(d.holderKind), 1);
      return;
    }
    const row = this.models.get(event.data.modelId);
    if (!row) return; // A valid log registers a model first; nothing to count otherwise.
    this.touchedModels.add(row.modelId);
    row.position = position.toString();
    if (event.type === 'ModelWithdrawn') {
      row.status = 'withdrawn';
      row.withdrawnOn = event.data.withdrawnOn;
      row.withdrawalReason = event.data.reason;
      this.count(event.data.withdrawnOn, row, STAT_METRIC.modelsWithdrawn, 1);
      return;
    }
    const d = event.data;
    if (d.level === 'exemplary') {
      row.status = 'exemplary';
      row.exemplaryOn = d.recognizedOn;
      row.exemplaryBy = d.byUnitId;
      row.exemplaryDecision = d.decisionNo ?? null;
      this.count(d.recognizedOn, row, STAT_METRIC.modelsExemplary, 1);
    } else {
      row.status = 'recognized';
      row.recognizedOn = d.recognizedOn;
      row.recognizedBy = d.byUnitId;
      row.recognitionDecision = d.decisionNo ?? null;
      this.count(d.recognizedOn, row, STAT_METRIC.modelsRecognized, 1);
    }
  }

  private applyAwardEvent(event: DomainEventOf<'AwardGranted' | 'AwardRevoked'>, position: bigint): void {
    if (event.type === 'AwardGranted') {
      const d = event.data;
      const row: AwardRow = {
        awardId: d.awardId,
        recipientKind: d.recipientKind,
        recipientName: d.recipientName,
        recipientUnitId: d.recipientUnitId,
        form: d.form,
        issuerUnitId: d.issuerUnitId,
        decisionNo: d.decisionNo,
        decidedOn: d.decidedOn,
        movement: d.movement,
        modelId: d.modelId ?? null,
        field: this.fieldOf(d.modelId),
        status: 'granted',
        revokedOn: null,
        revocationDecisionNo: null,
        revocationReason: null,
        pathVersion: this.pathVersionOf(d.recipientUnitId),
        position: position.toString(),
      };
      this.awards.set(d.awardId, row);
      this.touchedAwards.add(d.awardId);
      this.countAward(row, d.decidedOn, 1);
      return;
    }
    const row = this.awards.get(event.data.awardId);
    if (!row || row.status === 'revoked') return;
    row.status = 'revoked';
    row.revokedOn = event.data.revokedOn;
    row.revocationDecisionNo = event.data.decisionNo;
    row.revocationReason = event.data.reason;
    row.position = position.toString();
    this.touchedAwards.add(row.awardId);
    // Awards count "in force": a revoked award leaves the period it was granted in.
    this.countAward(row, row.decidedOn, -1);
    this.stats.add({
      day: event.data.revokedOn,
      unitId: row.recipientUnitId,
      pathVersion: this.pathVersionOf(row.recipientUnitId),
      field: row.field,
      metric: STAT_METRIC.awardsRevoked,
      amount: 1,
    });
  }

  private applyLedgerEvent(event: DomainEventOf<'WorkdaysLogged' | 'ContributionRecorded' | 'EntryVoided'>, unitId: string): void {
    if (event.type === 'EntryVoided') {
      const row = this.entries.get(entryKey(unitId, event.data.entryId));
      if (!row || row.voided) return;
      row.voided = true;
      this.touchedEntries.add(entryKey(unitId, row.entryId));
      // The void takes the quantity back from where it was counted, path version included.
      this.stats.add({ ...entryDelta(row), amount: -Number(row.quantity) });
      return;
    }
    const row: EntryRow =
      event.type === 'WorkdaysLogged'
        ? {
            unitId,
            entryId: event.data.entryId,
            kind: 'workdays',
            metric: STAT_METRIC.workdays,
            quantity: String(event.data.workdays),
            onDate: event.data.on,
            field: this.fieldOf(event.data.modelId),
            modelId: event.data.modelId ?? null,
            voided: false,
            pathVersion: this.pathVersionOf(unitId),
          }
        : {
            unitId,
            entryId: event.data.entryId,
            kind: 'contribution',
            metric: STAT_METRIC.contribution(event.data.metric),
            quantity: String(event.data.quantity),
            onDate: event.data.on,
            field: UNCLASSIFIED_FIELD,
            modelId: null,
            voided: false,
            pathVersion: this.pathVersionOf(unitId),
          };
    const key = entryKey(unitId, row.entryId);
    this.entries.set(key, row);
    this.touchedEntries.add(key);
    this.stats.add({ ...entryDelta(row), amount: Number(row.quantity) });
  }

  private count(day: string, model: ModelRow, metric: string, amount: number): void {
    this.stats.add({ day, unitId: model.unitId, pathVersion: this.pathVersionOf(model.unitId), field: model.field, metric, amount });
  }

  private countAward(row: AwardRow, day: string, amount: number): void {
    const delta: StatDelta = {
      day,
      unitId: row.recipientUnitId,
      // A grant is counted, and a revocation takes it back, under the path it was granted under.
      pathVersion: row.pathVersion,
      field: row.field,
      metric: STAT_METRIC.awardsGranted(row.form, row.recipientKind),
      amount,
    };
    this.stats.add(delta);
  }

  private pathVersionOf(unitId: string): number {
    return this.pathVersions.get(unitId) ?? 0;
  }

  /** An award's or entry's field is its model's when it names one (DESIGN §2). */
  private fieldOf(modelId: string | undefined): string {
    if (!modelId) return UNCLASSIFIED_FIELD;
    return this.models.get(modelId)?.field ?? UNCLASSIFIED_FIELD;
  }
}

function referencedModel(event: DomainEvent): string | undefined {
  switch (event.type) {
    case 'ModelRecognized':
    case 'ModelWithdrawn':
      return event.data.modelId;
    case 'AwardGranted':
    case 'WorkdaysLogged':
      return event.data.modelId;
    default:
      return undefined;
  }
}

/** The unit a fact counts under (DESIGN §2), for the events that record one. */
function recordingUnit(event: DomainEvent, streamName: string): string | undefined {
  switch (event.type) {
    case 'ModelRegistered':
      return event.data.unitId;
    case 'AwardGranted':
      return event.data.recipientUnitId;
    case 'WorkdaysLogged':
    case 'ContributionRecorded':
    case 'EntryVoided':
      return ledgerUnitOf(streamName);
    default:
      return undefined;
  }
}

function entryDelta(row: EntryRow): Omit<StatDelta, 'amount'> {
  return { day: row.onDate, unitId: row.unitId, pathVersion: row.pathVersion, field: row.field, metric: row.metric };
}

function ledgerUnitOf(streamName: string): string {
  return streamName.slice('ledger-'.length);
}

function entryKey(unitId: string, entryId: string): string {
  return `${unitId}\u0000${entryId}`;
}

function pick<Row>(rows: ReadonlyMap<string, Row>, keys: ReadonlySet<string>): Row[] {
  return [...keys].map((key) => rows.get(key)!);
}
