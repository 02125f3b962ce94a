import { isMonthEdge, type IsoDate } from '../dates.js';
import { assertNever, type Decider } from '../decider.js';
import { DomainError, DomainErrorCode } from '../errors.js';
import { requireDate, requireId, requireText, TEXT_LIMITS } from '../rules.js';
import type { DefinePhase, PhaseCommand } from './phase.commands.js';
import type { PhaseDefined, PhaseEvent } from './phase.events.js';

export type PhaseState =
  | Readonly<{ status: 'none' }>
  | Readonly<{ status: 'defined'; phaseId: string; name: string; startsOn: IsoDate; endsOn: IsoDate }>;

/**
 * Phases may lie in the future (2025-2030 is defined before it starts), so no date is
 * checked against today; `today` is here for uniformity with the other contexts.
 */
export type PhaseContext = Readonly<{ today: IsoDate }>;

const definePhase = ({ data }: DefinePhase, state: PhaseState): PhaseDefined[] => {
  const phaseId = requireId(data.phaseId, 'phaseId');
  // Rule: a phase is defined once (its bounds are then fixed: statistics depend on them).
  if (state.status !== 'none') {
    throw new DomainError(
      DomainErrorCode.PHASE_ALREADY_EXISTS,
      `Phase ${phaseId} is already defined`,
      'phaseId',
    );
  }
  const name = requireText(data.name, 'name', TEXT_LIMITS.name);
  const startsOn = requireDate(data.startsOn, 'startsOn');
  const endsOn = requireDate(data.endsOn, 'endsOn');
  // Rule: a phase ends on or after the day it starts.
  if (endsOn < startsOn) {
    throw new DomainError(
      DomainErrorCode.PHASE_DATES_INVALID,
      `endsOn ${endsOn} is before startsOn ${startsOn}`,
      'endsOn',
    );
  }
  // Rule: a phase runs over whole months, first day to last day. Statistics are kept per
  // month, so any phase, even one defined after its facts, is a sum of month and year rows.
  if (!isMonthEdge(startsOn, 'first')) {
    throw new DomainError(DomainErrorCode.PHASE_NOT_WHOLE_MONTHS, `startsOn ${startsOn} is not the first day of a month`, 'startsOn');
  }
  if (!isMonthEdge(endsOn, 'last')) {
    throw new DomainError(DomainErrorCode.PHASE_NOT_WHOLE_MONTHS, `endsOn ${endsOn} is not the last day of a month`, 'endsOn');
  }
  return [{ type: 'PhaseDefined', data: { phaseId, name, startsOn, endsOn } }];
};

const decide = (command: PhaseCommand, state: PhaseState, _context: PhaseContext): PhaseEvent[] => {
  switch (command.type) {
    case 'DefinePhase':
      return definePhase(command, state);
    default:
      return assertNever(command.type);
  }
};

const evolve = (state: PhaseState, event: PhaseEvent): PhaseState => {
  switch (event.type) {
    case 'PhaseDefined':
      return state.status === 'none' ? { status: 'defined', ...event.data } : state;
    default:
      return assertNever(event.type);
  }
};

export const phaseDecider: Decider<PhaseState, PhaseCommand, PhaseEvent, PhaseContext> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
