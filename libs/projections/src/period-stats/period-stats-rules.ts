import { UNCLASSIFIED_FIELD, type DomainEvent, type DomainEventOf } from '#domain';
import { STAT_METRIC } from '#read-models';
import type { AwardRow, EntryRow, ModelRow } from './read-model-rows.js';
import type { StatDelta } from './stats-accumulator.js';

type UnitRegistration = DomainEventOf<'UnitRegistered'>['data'];
type UnitMerge = DomainEventOf<'UnitMerged'>['data'];
type PhaseDefinition = DomainEventOf<'PhaseDefined'>['data'];

/**
 * What the rules read and change. Two places hold it: one batch's rows, loaded from the
 * database and written back at its end (the live projection), or the whole log's in memory
 * (a rebuild's first pass). The rules are the same for both.
 */
export interface PeriodStatsState {
  readonly models: Map<string, ModelRow>;
  readonly awards: Map<string, AwardRow>;
  /** The field of a model registered so far, if any. */
  modelFieldOf(modelId: string): string | undefined;
  /** The entry `entryId` of `unitId`'s ledger, if kept. */
  entryOf(unitId: string, entryId: string): EntryRow | undefined;
  /** Keeps a new ledger entry (a changed row). */
  addEntry(row: EntryRow): void;
  /** The rows the rules created or changed, for a state that writes only those. */
  changed(table: 'models' | 'awards', key: string): void;
  changedEntry(row: EntryRow): void;
  addStat(delta: StatDelta): void;
  pathVersionOf(unitId: string): number;
  registerUnit(unit: UnitRegistration): void;
  mergeUnit(merge: UnitMerge): Promise<void> | void;
  definePhase(phase: PhaseDefinition): Promise<void> | void;
}

/**
 * period-stats' rules (DESIGN §2): per period × unit (where recorded) × field × metric, one
 * number; models, awards and ledger entries are kept to place later events (a revocation
 * takes back the grant's count; a void its entry's quantity).
 */
export async function applyPeriodStatsEvent(state: PeriodStatsState, event: DomainEvent, position: bigint, streamName: string): Promise<void> {
  switch (event.type) {
    case 'UnitRegistered':
      return state.registerUnit(event.data);
    case 'UnitMerged':
      return state.mergeUnit(event.data);
    case 'PhaseDefined':
      // A phase is answered from the year rows it spans (see #read-models' stats-periods).
      return state.definePhase(event.data);
    case 'ModelRegistered':
    case 'ModelRecognized':
    case 'ModelWithdrawn':
      return applyModelEvent(state, event, position);
    case 'AwardGranted':
    case 'AwardRevoked':
      return applyAwardEvent(state, event, position);
    case 'WorkdaysLogged':
    case 'ContributionRecorded':
    case 'EntryVoided':
      return applyLedgerEvent(state, event, ledgerUnitOf(streamName));
  }
}

function applyModelEvent(
  state: PeriodStatsState,
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
    state.models.set(d.modelId, row);
    state.changed('models', d.modelId);
    countModel(state, d.registeredOn, row, STAT_METRIC.modelsRegistered(d.holderKind));
    return;
  }
  const row = state.models.get(event.data.modelId);
  if (!row) return; // A valid log registers a model first; nothing to count otherwise.
  state.changed('models', row.modelId);
  row.position = position.toString();
  if (event.type === 'ModelWithdrawn') {
    row.status = 'withdrawn';
    row.withdrawnOn = event.data.withdrawnOn;
    row.withdrawalReason = event.data.reason;
    countModel(state, event.data.withdrawnOn, row, STAT_METRIC.modelsWithdrawn);
    return;
  }
  const d = event.data;
  if (d.level === 'exemplary') {
    row.status = 'exemplary';
    row.exemplaryOn = d.recognizedOn;
    row.exemplaryBy = d.byUnitId;
    row.exemplaryDecision = d.decisionNo ?? null;
    countModel(state, d.recognizedOn, row, STAT_METRIC.modelsExemplary);
  } else {
    row.status = 'recognized';
    row.recognizedOn = d.recognizedOn;
    row.recognizedBy = d.byUnitId;
    row.recognitionDecision = d.decisionNo ?? null;
    countModel(state, d.recognizedOn, row, STAT_METRIC.modelsRecognized);
  }
}

function applyAwardEvent(state: PeriodStatsState, event: DomainEventOf<'AwardGranted' | 'AwardRevoked'>, position: bigint): void {
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
      field: fieldOf(state, d.modelId),
      status: 'granted',
      revokedOn: null,
      revocationDecisionNo: null,
      revocationReason: null,
      pathVersion: state.pathVersionOf(d.recipientUnitId),
      position: position.toString(),
    };
    state.awards.set(d.awardId, row);
    state.changed('awards', d.awardId);
    countAward(state, row, d.decidedOn, 1);
    return;
  }
  const row = state.awards.get(event.data.awardId);
  if (!row || row.status === 'revoked') return;
  row.status = 'revoked';
  row.revokedOn = event.data.revokedOn;
  row.revocationDecisionNo = event.data.decisionNo;
  row.revocationReason = event.data.reason;
  row.position = position.toString();
  state.changed('awards', row.awardId);
  // Awards count "in force": a revoked award leaves the period it was granted in.
  countAward(state, row, row.decidedOn, -1);
  state.addStat({
    day: event.data.revokedOn,
    unitId: row.recipientUnitId,
    pathVersion: state.pathVersionOf(row.recipientUnitId),
    field: row.field,
    metric: STAT_METRIC.awardsRevoked,
    amount: 1,
  });
}

function applyLedgerEvent(
  state: PeriodStatsState,
  event: DomainEventOf<'WorkdaysLogged' | 'ContributionRecorded' | 'EntryVoided'>,
  unitId: string,
): void {
  if (event.type === 'EntryVoided') {
    const row = state.entryOf(unitId, event.data.entryId);
    if (!row || row.voided) return;
    row.voided = true;
    state.changedEntry(row);
    // The void takes the quantity back from where it was counted, path version included.
    state.addStat(entryDelta(row, -Number(row.quantity)));
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
          field: fieldOf(state, event.data.modelId),
          modelId: event.data.modelId ?? null,
          voided: false,
          pathVersion: state.pathVersionOf(unitId),
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
          pathVersion: state.pathVersionOf(unitId),
        };
  state.addEntry(row);
  state.addStat(entryDelta(row, Number(row.quantity)));
}

function countModel(state: PeriodStatsState, day: string, model: ModelRow, metric: string): void {
  state.addStat({ day, unitId: model.unitId, pathVersion: state.pathVersionOf(model.unitId), field: model.field, metric, amount: 1 });
}

function countAward(state: PeriodStatsState, row: AwardRow, day: string, amount: number): void {
  state.addStat({
    day,
    unitId: row.recipientUnitId,
    // A grant is counted, and a revocation takes it back, under the path it was granted under.
    pathVersion: row.pathVersion,
    field: row.field,
    metric: STAT_METRIC.awardsGranted(row.form, row.recipientKind),
    amount,
  });
}

/** An award's or entry's field is its model's when it names one (DESIGN §2). */
function fieldOf(state: PeriodStatsState, modelId: string | undefined): string {
  if (!modelId) return UNCLASSIFIED_FIELD;
  return state.modelFieldOf(modelId) ?? UNCLASSIFIED_FIELD;
}

function entryDelta(row: EntryRow, amount: number): StatDelta {
  return { day: row.onDate, unitId: row.unitId, pathVersion: row.pathVersion, field: row.field, metric: row.metric, amount };
}

/** The model an event refers to (its field places the fact), if any. */
export function referencedModel(event: DomainEvent): string | undefined {
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
export function recordingUnit(event: DomainEvent, streamName: string): string | undefined {
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

export function ledgerUnitOf(streamName: string): string {
  return streamName.slice('ledger-'.length);
}

export function entryKey(unitId: string, entryId: string): string {
  return `${unitId}\u0000${entryId}`;
}
