import { FUNDS_METRIC, findMetric, METRICS, type MetricEntry } from '../catalogues/metrics.js';
import type { IsoDate } from '../dates.js';
import { assertNever, type Decider } from '../decider.js';
import { DomainError, DomainErrorCode } from '../errors.js';
import type { ModelSummary } from '../models/model.decider.js';
import {
  checkSummaryId,
  requireNamedModel,
  optionalText,
  requireId,
  requirePastOrToday,
  requireText,
  TEXT_LIMITS,
} from '../rules.js';
import type { UnitSummary } from '../units/unit.decider.js';
import type {
  LedgerCommand,
  LogWorkdays,
  RecordContribution,
  VoidEntry,
} from './ledger.commands.js';
import type {
  ContributionRecorded,
  EntryVoided,
  LedgerEvent,
  WorkdaysLogged,
} from './ledger.events.js';

export type LedgerEntry = Readonly<{
  kind: 'workdays' | 'contribution';
  on: IsoDate;
  voided: boolean;
}>;

/**
 * A unit's ledger: `empty` until its first entry. `entries` is copied on every change
 * (evolve stays pure), which is linear in the ledger's size per event: fine for the
 * thousands of entries a unit's ledger holds.
 */
export type LedgerState =
  | Readonly<{ status: 'empty' }>
  | Readonly<{ status: 'open'; unitId: string; entries: ReadonlyMap<string, LedgerEntry> }>;

/**
 * Loaded by the application layer: the summary of the ledger's unit (`unitId`) and of the
 * model a workday entry names; `metrics` is the metric catalogue in force (default
 * METRICS).
 */
export type LedgerContext = Readonly<{
  today: IsoDate;
  unit?: UnitSummary;
  model?: ModelSummary;
  metrics?: readonly MetricEntry[];
}>;

/** Workdays may be fractional (half days, aggregated reports) with at most 2 decimals. */
const WORKDAY_DECIMALS = 2;

const hasAtMostDecimals = (value: number, decimals: number): boolean => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale === value;
};

const requireOpenUnit = (unitId: string, context: LedgerContext): void => {
  // Rule: the unit exists and is not merged (a merged unit takes no new facts).
  const unit = checkSummaryId(context.unit, (s) => s.unitId, unitId);
  if (unit === undefined) {
    throw new DomainError(DomainErrorCode.UNIT_NOT_FOUND, `Unit ${unitId} does not exist`, 'unitId');
  }
  if (unit.status === 'merged') {
    throw new DomainError(
      DomainErrorCode.UNIT_MERGED,
      `Unit ${unitId} has merged into ${unit.mergedInto ?? 'another unit'} and takes no new facts`,
      'unitId',
    );
  }
};

const requireNewEntry = (entryId: string, state: LedgerState): string => {
  const id = requireId(entryId, 'entryId');
  // Rule: an entry id is used once in a ledger.
  if (state.status === 'open' && state.entries.has(id)) {
    throw new DomainError(
      DomainErrorCode.ENTRY_ALREADY_EXISTS,
      `Entry ${id} already exists in the ledger of ${state.unitId}`,
      'entryId',
    );
  }
  return id;
};

const logWorkdays = (
  { data }: LogWorkdays,
  state: LedgerState,
  context: LedgerContext,
): WorkdaysLogged[] => {
  const entryId = requireNewEntry(data.entryId, state);
  requireOpenUnit(data.unitId, context);
  // Rule: workdays are a positive number with at most 2 decimals.
  const workdays = data.workdays;
  if (typeof workdays !== 'number' || !Number.isFinite(workdays) || workdays <= 0) {
    throw new DomainError(DomainErrorCode.WORKDAYS_INVALID, 'workdays must be a positive number', 'workdays');
  }
  if (!hasAtMostDecimals(workdays, WORKDAY_DECIMALS)) {
    throw new DomainError(
      DomainErrorCode.WORKDAYS_INVALID,
      `workdays must have at most ${WORKDAY_DECIMALS} decimals`,
      'workdays',
    );
  }
  const on = requirePastOrToday(data.on, context.today, 'on');
  const activity = optionalText(data.activity, 'activity', TEXT_LIMITS.longText);
  const modelId = data.modelId ?? undefined;
  requireNamedModel(context.model, modelId);
  return [
    {
      type: 'WorkdaysLogged',
      data: {
        entryId,
        unitId: data.unitId,
        workdays,
        on,
        ...(activity !== undefined ? { activity } : {}),
        ...(modelId !== undefined ? { modelId } : {}),
      },
    },
  ];
};

const recordContribution = (
  { data }: RecordContribution,
  state: LedgerState,
  context: LedgerContext,
): ContributionRecorded[] => {
  const entryId = requireNewEntry(data.entryId, state);
  requireOpenUnit(data.unitId, context);
  // Rule: the metric is in the catalogue.
  const metric = findMetric(data.metric, context.metrics ?? METRICS);
  if (metric === undefined) {
    throw new DomainError(DomainErrorCode.METRIC_UNKNOWN, `Unknown metric: ${String(data.metric)}`, 'metric');
  }
  // Rule: quantities are non-negative; money (whole VND) and counted things are whole.
  const quantity = data.quantity;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_INVALID,
      'quantity must be a non-negative number',
      'quantity',
    );
  }
  if ((metric.whole || metric.code === FUNDS_METRIC) && !Number.isSafeInteger(quantity)) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_NOT_WHOLE,
      `quantity of ${metric.code} must be a whole number (${metric.unitOfMeasure})`,
      'quantity',
    );
  }
  const on = requirePastOrToday(data.on, context.today, 'on');
  const note = optionalText(data.note, 'note', TEXT_LIMITS.longText);
  return [
    {
      type: 'ContributionRecorded',
      data: {
        entryId,
        unitId: data.unitId,
        metric: metric.code,
        // -0 is stored as 0
        quantity: quantity === 0 ? 0 : quantity,
        on,
        ...(note !== undefined ? { note } : {}),
      },
    },
  ];
};

/**
 * A void is a correction of history, not a new fact: it is allowed after the unit has
 * merged (otherwise a merged unit's mistakes could never be corrected).
 */
const voidEntry = ({ data }: VoidEntry, state: LedgerState): EntryVoided[] => {
  const entry = state.status === 'open' ? state.entries.get(data.entryId) : undefined;
  // Rule: the entry exists in this ledger and is voided at most once.
  if (entry === undefined) {
    throw new DomainError(
      DomainErrorCode.ENTRY_NOT_FOUND,
      `Entry ${data.entryId} does not exist in the ledger of ${data.unitId}`,
    );
  }
  if (entry.voided) {
    throw new DomainError(DomainErrorCode.ENTRY_ALREADY_VOIDED, `Entry ${data.entryId} is already voided`);
  }
  const reason = requireText(data.reason, 'reason', TEXT_LIMITS.longText);
  return [{ type: 'EntryVoided', data: { entryId: data.entryId, reason } }];
};

const decide = (command: LedgerCommand, state: LedgerState, context: LedgerContext): LedgerEvent[] => {
  switch (command.type) {
    case 'LogWorkdays':
      return logWorkdays(command, state, context);
    case 'RecordContribution':
      return recordContribution(command, state, context);
    case 'VoidEntry':
      return voidEntry(command, state);
    default:
      return assertNever(command);
  }
};

const withEntry = (
  state: LedgerState,
  unitId: string,
  entryId: string,
  entry: LedgerEntry,
): LedgerState => {
  const entries = new Map<string, LedgerEntry>(state.status === 'open' ? state.entries : []);
  if (entries.has(entryId)) return state;
  entries.set(entryId, entry);
  return { status: 'open', unitId: state.status === 'open' ? state.unitId : unitId, entries };
};

const evolve = (state: LedgerState, event: LedgerEvent): LedgerState => {
  switch (event.type) {
    case 'WorkdaysLogged':
      return withEntry(state, event.data.unitId, event.data.entryId, {
        kind: 'workdays',
        on: event.data.on,
        voided: false,
      });
    case 'ContributionRecorded':
      return withEntry(state, event.data.unitId, event.data.entryId, {
        kind: 'contribution',
        on: event.data.on,
        voided: false,
      });
    case 'EntryVoided': {
      if (state.status !== 'open') return state;
      const entry = state.entries.get(event.data.entryId);
      if (entry === undefined || entry.voided) return state;
      const entries = new Map(state.entries);
      entries.set(event.data.entryId, { ...entry, voided: true });
      return { ...state, entries };
    }
    default:
      return assertNever(event);
  }
};

export const ledgerDecider: Decider<LedgerState, LedgerCommand, LedgerEvent, LedgerContext> = {
  initialState: { status: 'empty' },
  decide,
  evolve,
};
