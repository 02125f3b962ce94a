import { isHolderKind, isRecognitionLevel, type HolderKind } from '../catalogues/kinds.js';
import { isModelField, MODEL_FIELDS, type ModelFieldEntry } from '../catalogues/model-fields.js';
import { maxDate, type IsoDate } from '../dates.js';
import { assertNever, type Decider } from '../decider.js';
import { DomainError, DomainErrorCode } from '../errors.js';
import {
  checkSummaryId,
  optionalText,
  requireId,
  requireNotBefore,
  requirePastOrToday,
  requireText,
  TEXT_LIMITS,
} from '../rules.js';
import type { UnitSummary } from '../units/unit.decider.js';
import type {
  ModelCommand,
  RecognizeModel,
  RegisterModel,
  WithdrawModel,
} from './model.commands.js';
import type {
  ModelEvent,
  ModelRecognized,
  ModelRegistered,
  ModelWithdrawn,
} from './model.events.js';

type ModelFacts = Readonly<{
  modelId: string;
  unitId: string;
  title: string;
  field: string;
  holderKind: HolderKind;
  holderName: string;
  registeredOn: IsoDate;
}>;

/** registered -> recognized -> exemplary; any of them -> withdrawn (final). */
export type ModelState =
  | Readonly<{ status: 'none' }>
  | (ModelFacts & Readonly<{ status: 'registered' }>)
  | (ModelFacts & Readonly<{ status: 'recognized'; recognizedOn: IsoDate }>)
  | (ModelFacts & Readonly<{ status: 'exemplary'; recognizedOn: IsoDate; exemplaryOn: IsoDate }>)
  | (ModelFacts &
      Readonly<{
        status: 'withdrawn';
        withdrawnOn: IsoDate;
        reason: string;
        /** The level the model had reached when it was withdrawn. */
        levelAtWithdrawal: 'registered' | 'recognized' | 'exemplary';
      }>);

export type ModelStatus = Exclude<ModelState['status'], 'none'>;

/** What another stream's decider needs to know about a model. Undefined = no such model. */
export type ModelSummary = Readonly<{
  modelId: string;
  status: ModelStatus;
  field: string;
  unitId: string;
}>;

/**
 * Loaded by the application layer:
 * - RegisterModel: `unit` = the summary of `unitId`.
 * - RecognizeModel: `byUnit` = the summary of `byUnitId`.
 * - `modelFields`: the field catalogue in force (default: MODEL_FIELDS).
 */
export type ModelContext = Readonly<{
  today: IsoDate;
  unit?: UnitSummary;
  byUnit?: UnitSummary;
  modelFields?: readonly ModelFieldEntry[];
}>;

export const summarizeModel = (state: ModelState): ModelSummary | undefined =>
  state.status === 'none'
    ? undefined
    : { modelId: state.modelId, status: state.status, field: state.field, unitId: state.unitId };

/** The date of the model's latest decision (registration or recognition). */
const lastDecisionOn = (state: Exclude<ModelState, { status: 'none' | 'withdrawn' }>): IsoDate => {
  switch (state.status) {
    case 'registered':
      return state.registeredOn;
    case 'recognized':
      return state.recognizedOn;
    case 'exemplary':
      return maxDate(state.recognizedOn, state.exemplaryOn);
    default:
      return assertNever(state);
  }
};

const registerModel = (
  { data }: RegisterModel,
  state: ModelState,
  context: ModelContext,
): ModelRegistered[] => {
  const modelId = requireId(data.modelId, 'modelId');
  // Rule: a model is registered once.
  if (state.status !== 'none') {
    throw new DomainError(
      DomainErrorCode.MODEL_ALREADY_EXISTS,
      `Model ${modelId} is already registered`,
      'modelId',
    );
  }
  // Rule: the model's unit exists and is not merged.
  const unit = checkSummaryId(context.unit, (s) => s.unitId, data.unitId);
  if (unit === undefined) {
    throw new DomainError(
      DomainErrorCode.UNIT_NOT_FOUND,
      `Unit ${data.unitId} does not exist`,
      'unitId',
    );
  }
  if (unit.status === 'merged') {
    throw new DomainError(
      DomainErrorCode.UNIT_MERGED,
      `Unit ${data.unitId} has merged into ${unit.mergedInto ?? 'another unit'} and takes no new facts`,
      'unitId',
    );
  }
  const title = requireText(data.title, 'title', TEXT_LIMITS.name);
  // Rule: the field is in the field catalogue.
  if (!isModelField(data.field, context.modelFields ?? MODEL_FIELDS)) {
    throw new DomainError(
      DomainErrorCode.MODEL_FIELD_UNKNOWN,
      `Unknown field: ${String(data.field)}`,
      'field',
    );
  }
  // Rule: the holder is a collective or an individual.
  if (!isHolderKind(data.holderKind)) {
    throw new DomainError(
      DomainErrorCode.HOLDER_KIND_INVALID,
      'holderKind must be collective or individual',
      'holderKind',
    );
  }
  const holderName = requireText(data.holderName, 'holderName', TEXT_LIMITS.name);
  const registeredOn = requirePastOrToday(data.registeredOn, context.today, 'registeredOn');
  return [
    {
      type: 'ModelRegistered',
      data: {
        modelId,
        unitId: data.unitId,
        title,
        field: data.field,
        holderKind: data.holderKind,
        holderName,
        registeredOn,
      },
    },
  ];
};

const recognizeModel = (
  { data }: RecognizeModel,
  state: ModelState,
  context: ModelContext,
): ModelRecognized[] => {
  // Rule: the model exists and is not withdrawn (no transition out of withdrawn).
  if (state.status === 'none') {
    throw new DomainError(DomainErrorCode.MODEL_NOT_FOUND, `Model ${data.modelId} does not exist`);
  }
  if (state.status === 'withdrawn') {
    throw new DomainError(
      DomainErrorCode.MODEL_WITHDRAWN,
      `Model ${state.modelId} was withdrawn on ${state.withdrawnOn}`,
    );
  }
  const level = data.level;
  if (!isRecognitionLevel(level)) {
    throw new DomainError(
      DomainErrorCode.RECOGNITION_LEVEL_INVALID,
      'level must be recognized or exemplary',
      'level',
    );
  }
  // Rule: recognized once; exemplary once, and only after recognized.
  if (level === 'recognized' && state.status !== 'registered') {
    throw new DomainError(
      DomainErrorCode.MODEL_ALREADY_RECOGNIZED,
      `Model ${state.modelId} is already ${state.status}`,
      'level',
    );
  }
  if (level === 'exemplary' && state.status === 'registered') {
    throw new DomainError(
      DomainErrorCode.MODEL_NOT_YET_RECOGNIZED,
      `Model ${state.modelId} must be recognized before it can be exemplary`,
      'level',
    );
  }
  if (level === 'exemplary' && state.status === 'exemplary') {
    throw new DomainError(
      DomainErrorCode.MODEL_ALREADY_EXEMPLARY,
      `Model ${state.modelId} is already exemplary`,
      'level',
    );
  }
  const recognizedOn = requirePastOrToday(data.recognizedOn, context.today, 'recognizedOn');
  // Rule: no date before the registration; recognitions in date order.
  requireNotBefore(
    recognizedOn,
    state.registeredOn,
    DomainErrorCode.DATE_BEFORE_REGISTRATION,
    'recognizedOn',
    'the registration date',
  );
  requireNotBefore(
    recognizedOn,
    lastDecisionOn(state),
    DomainErrorCode.DATE_OUT_OF_ORDER,
    'recognizedOn',
    'the previous recognition',
  );
  // Rule: the recognising unit exists (a merged unit may still be named: the recognition
  // may record a decision it took before the merge).
  const byUnit = checkSummaryId(context.byUnit, (s) => s.unitId, data.byUnitId);
  if (byUnit === undefined) {
    throw new DomainError(
      DomainErrorCode.UNIT_NOT_FOUND,
      `Unit ${data.byUnitId} does not exist`,
      'byUnitId',
    );
  }
  const decisionNo = optionalText(data.decisionNo, 'decisionNo', TEXT_LIMITS.decisionNo);
  return [
    {
      type: 'ModelRecognized',
      data: {
        modelId: state.modelId,
        level,
        recognizedOn,
        byUnitId: data.byUnitId,
        ...(decisionNo !== undefined ? { decisionNo } : {}),
      },
    },
  ];
};

const withdrawModel = (
  { data }: WithdrawModel,
  state: ModelState,
  context: ModelContext,
): ModelWithdrawn[] => {
  if (state.status === 'none') {
    throw new DomainError(DomainErrorCode.MODEL_NOT_FOUND, `Model ${data.modelId} does not exist`);
  }
  // Rule: a model is withdrawn once.
  if (state.status === 'withdrawn') {
    throw new DomainError(
      DomainErrorCode.MODEL_ALREADY_WITHDRAWN,
      `Model ${state.modelId} was already withdrawn on ${state.withdrawnOn}`,
    );
  }
  const withdrawnOn = requirePastOrToday(data.withdrawnOn, context.today, 'withdrawnOn');
  requireNotBefore(
    withdrawnOn,
    state.registeredOn,
    DomainErrorCode.DATE_BEFORE_REGISTRATION,
    'withdrawnOn',
    'the registration date',
  );
  requireNotBefore(
    withdrawnOn,
    lastDecisionOn(state),
    DomainErrorCode.DATE_OUT_OF_ORDER,
    'withdrawnOn',
    'the last recognition',
  );
  const reason = requireText(data.reason, 'reason', TEXT_LIMITS.longText);
  return [{ type: 'ModelWithdrawn', data: { modelId: state.modelId, withdrawnOn, reason } }];
};

const decide = (command: ModelCommand, state: ModelState, context: ModelContext): ModelEvent[] => {
  switch (command.type) {
    case 'RegisterModel':
      return registerModel(command, state, context);
    case 'RecognizeModel':
      return recognizeModel(command, state, context);
    case 'WithdrawModel':
      return withdrawModel(command, state, context);
    default:
      return assertNever(command);
  }
};

const facts = (state: ModelFacts): ModelFacts => ({
  modelId: state.modelId,
  unitId: state.unitId,
  title: state.title,
  field: state.field,
  holderKind: state.holderKind,
  holderName: state.holderName,
  registeredOn: state.registeredOn,
});

const evolve = (state: ModelState, event: ModelEvent): ModelState => {
  switch (event.type) {
    case 'ModelRegistered':
      return state.status === 'none' ? { status: 'registered', ...event.data } : state;
    case 'ModelRecognized': {
      const { level, recognizedOn } = event.data;
      if (level === 'recognized' && state.status === 'registered') {
        return { ...facts(state), status: 'recognized', recognizedOn };
      }
      if (level === 'exemplary' && state.status === 'recognized') {
        return {
          ...facts(state),
          status: 'exemplary',
          recognizedOn: state.recognizedOn,
          exemplaryOn: recognizedOn,
        };
      }
      return state;
    }
    case 'ModelWithdrawn':
      if (state.status === 'none' || state.status === 'withdrawn') return state;
      return {
        ...facts(state),
        status: 'withdrawn',
        withdrawnOn: event.data.withdrawnOn,
        reason: event.data.reason,
        levelAtWithdrawal: state.status,
      };
    default:
      return assertNever(event);
  }
};

export const modelDecider: Decider<ModelState, ModelCommand, ModelEvent, ModelContext> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
