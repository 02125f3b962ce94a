import { isAwardForm, isMovement } from '../catalogues/awards.js';
import { isHolderKind } from '../catalogues/kinds.js';
import type { IsoDate } from '../dates.js';
import { assertNever, type Decider } from '../decider.js';
import { DomainError, DomainErrorCode } from '../errors.js';
import type { ModelSummary } from '../models/model.decider.js';
import {
  checkSummaryId,
  requireNamedModel,
  requireId,
  requireNotBefore,
  requirePastOrToday,
  requireText,
  TEXT_LIMITS,
} from '../rules.js';
import { canonicalText } from '../text.js';
import type { UnitSummary } from '../units/unit.decider.js';
import type { AwardCommand, GrantAward, RevokeAward } from './award.commands.js';
import type { AwardEvent, AwardGranted, AwardRevoked } from './award.events.js';

type Grant = AwardGranted['data'];

export type AwardState =
  | Readonly<{ status: 'none' }>
  | (Grant & Readonly<{ status: 'granted' }>)
  | (Grant &
      Readonly<{
        status: 'revoked';
        revokedOn: IsoDate;
        revocationDecisionNo: string;
        revocationReason: string;
      }>);

/**
 * Loaded by the application layer: the summaries of `recipientUnitId`, `issuerUnitId`
 * and (when named) `modelId`.
 */
export type AwardContext = Readonly<{
  today: IsoDate;
  recipientUnit?: UnitSummary;
  issuerUnit?: UnitSummary;
  model?: ModelSummary;
}>;

/**
 * The identity of a grant for the rule "the same recipient cannot get the same form
 * under the same decision twice". A decision is identified by (decisionNo, issuer,
 * date); the recipient by (kind, name, unit). Names and decision numbers are compared
 * in canonical form (NFC, trimmed, whitespace collapsed, lower-cased), so
 * "Nguyễn  Văn A" and "nguyễn văn a" are the same recipient. The application layer
 * reserves this key across award streams (the award decider sees one award only).
 */
export const awardUniquenessKey = (
  data: Readonly<{
    recipientKind: string;
    recipientName: string;
    recipientUnitId: string;
    form: string;
    decisionNo: string;
    issuerUnitId: string;
    decidedOn: string;
  }>,
): string =>
  JSON.stringify([
    data.recipientKind,
    canonicalText(data.recipientName),
    data.recipientUnitId,
    data.form,
    canonicalText(data.decisionNo),
    data.issuerUnitId,
    data.decidedOn,
  ]);

/** Whether the award was in force at the end of `asOf` (granted by then, not yet revoked). */
export const isAwardInForce = (state: AwardState, asOf: IsoDate): boolean => {
  switch (state.status) {
    case 'none':
      return false;
    case 'granted':
      return state.decidedOn <= asOf;
    case 'revoked':
      return state.decidedOn <= asOf && state.revokedOn > asOf;
    default:
      return assertNever(state);
  }
};

const grantAward = (
  { data }: GrantAward,
  state: AwardState,
  context: AwardContext,
): AwardGranted[] => {
  const awardId = requireId(data.awardId, 'awardId');
  // Rule: an award is granted once.
  if (state.status !== 'none') {
    throw new DomainError(
      DomainErrorCode.AWARD_ALREADY_EXISTS,
      `Award ${awardId} already exists`,
      'awardId',
    );
  }
  if (!isHolderKind(data.recipientKind)) {
    throw new DomainError(
      DomainErrorCode.RECIPIENT_KIND_INVALID,
      'recipientKind must be collective or individual',
      'recipientKind',
    );
  }
  const recipientName = requireText(data.recipientName, 'recipientName', TEXT_LIMITS.name);
  // Rule: the recipient's unit exists and is not merged (the award counts under it).
  const recipientUnit = checkSummaryId(context.recipientUnit, (s) => s.unitId, data.recipientUnitId);
  if (recipientUnit === undefined) {
    throw new DomainError(
      DomainErrorCode.UNIT_NOT_FOUND,
      `Unit ${data.recipientUnitId} does not exist`,
      'recipientUnitId',
    );
  }
  if (recipientUnit.status === 'merged') {
    throw new DomainError(
      DomainErrorCode.UNIT_MERGED,
      `Unit ${data.recipientUnitId} has merged into ${recipientUnit.mergedInto ?? 'another unit'} and takes no new facts`,
      'recipientUnitId',
    );
  }
  if (!isAwardForm(data.form)) {
    throw new DomainError(DomainErrorCode.AWARD_FORM_UNKNOWN, `Unknown form: ${String(data.form)}`, 'form');
  }
  // Rule: the issuer exists (it may since have merged: the decision predates the merge).
  const issuerUnit = checkSummaryId(context.issuerUnit, (s) => s.unitId, data.issuerUnitId);
  if (issuerUnit === undefined) {
    throw new DomainError(
      DomainErrorCode.UNIT_NOT_FOUND,
      `Unit ${data.issuerUnitId} does not exist`,
      'issuerUnitId',
    );
  }
  const decisionNo = requireText(data.decisionNo, 'decisionNo', TEXT_LIMITS.decisionNo);
  const decidedOn = requirePastOrToday(data.decidedOn, context.today, 'decidedOn');
  if (!isMovement(data.movement)) {
    throw new DomainError(
      DomainErrorCode.MOVEMENT_UNKNOWN,
      `Unknown movement: ${String(data.movement)}`,
      'movement',
    );
  }
  const modelId = data.modelId ?? undefined;
  requireNamedModel(context.model, modelId);
  return [
    {
      type: 'AwardGranted',
      data: {
        awardId,
        recipientKind: data.recipientKind,
        recipientName,
        recipientUnitId: data.recipientUnitId,
        form: data.form,
        issuerUnitId: data.issuerUnitId,
        decisionNo,
        decidedOn,
        movement: data.movement,
        ...(modelId !== undefined ? { modelId } : {}),
      },
    },
  ];
};

const revokeAward = (
  { data }: RevokeAward,
  state: AwardState,
  context: AwardContext,
): AwardRevoked[] => {
  if (state.status === 'none') {
    throw new DomainError(DomainErrorCode.AWARD_NOT_FOUND, `Award ${data.awardId} does not exist`);
  }
  // Rule: an award is revoked at most once.
  if (state.status === 'revoked') {
    throw new DomainError(
      DomainErrorCode.AWARD_ALREADY_REVOKED,
      `Award ${state.awardId} was already revoked on ${state.revokedOn}`,
    );
  }
  const revokedOn = requirePastOrToday(data.revokedOn, context.today, 'revokedOn');
  // Rule: never revoked before it was decided.
  requireNotBefore(
    revokedOn,
    state.decidedOn,
    DomainErrorCode.REVOCATION_BEFORE_DECISION,
    'revokedOn',
    'the award decision of',
  );
  const decisionNo = requireText(data.decisionNo, 'decisionNo', TEXT_LIMITS.decisionNo);
  const reason = requireText(data.reason, 'reason', TEXT_LIMITS.longText);
  return [{ type: 'AwardRevoked', data: { awardId: state.awardId, revokedOn, decisionNo, reason } }];
};

const decide = (command: AwardCommand, state: AwardState, context: AwardContext): AwardEvent[] => {
  switch (command.type) {
    case 'GrantAward':
      return grantAward(command, state, context);
    case 'RevokeAward':
      return revokeAward(command, state, context);
    default:
      return assertNever(command);
  }
};

const evolve = (state: AwardState, event: AwardEvent): AwardState => {
  switch (event.type) {
    case 'AwardGranted':
      return state.status === 'none' ? { status: 'granted', ...event.data } : state;
    case 'AwardRevoked': {
      if (state.status !== 'granted') return state;
      const { status: _granted, ...grant } = state;
      return {
        ...grant,
        status: 'revoked',
        revokedOn: event.data.revokedOn,
        revocationDecisionNo: event.data.decisionNo,
        revocationReason: event.data.reason,
      };
    }
    default:
      return assertNever(event);
  }
};

export const awardDecider: Decider<AwardState, AwardCommand, AwardEvent, AwardContext> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
