import { isUnitKind, type UnitKind } from '../catalogues/unit-kinds.js';
import type { IsoDate } from '../dates.js';
import { assertNever, type Decider } from '../decider.js';
import { DomainError, DomainErrorCode } from '../errors.js';
import { isValidId } from '../ids.js';
import {
  checkSummaryId,
  optionalText,
  requirePastOrToday,
  requireText,
  TEXT_LIMITS,
} from '../rules.js';
import type { MergeUnit, RegisterUnit, UnitCommand } from './unit.commands.js';
import type { UnitEvent, UnitMerged, UnitRegistered } from './unit.events.js';

type UnitFacts = Readonly<{ unitId: string; name: string; kind: UnitKind; parentId: string | null }>;

export type UnitState =
  | Readonly<{ status: 'none' }>
  | (UnitFacts & Readonly<{ status: 'active' }>)
  | (UnitFacts &
      Readonly<{
        status: 'merged';
        intoUnitId: string;
        effectiveOn: IsoDate;
        decisionNo?: string;
      }>);

/** What another stream's decider needs to know about a unit. Undefined = no such unit. */
export type UnitSummary = Readonly<{
  unitId: string;
  status: 'active' | 'merged';
  mergedInto?: string;
}>;

/**
 * Loaded by the application layer:
 * - RegisterUnit: `parent` = the summary of `parentId` (if given and it exists).
 * - MergeUnit: `target` = the summary of `intoUnitId`; `targetAncestorIds` = the ids of
 *   the target's ancestors in the current tree (parent, grandparent, ... root).
 */
export type UnitContext = Readonly<{
  today: IsoDate;
  parent?: UnitSummary;
  target?: UnitSummary;
  targetAncestorIds?: readonly string[];
}>;

export const summarizeUnit = (state: UnitState): UnitSummary | undefined => {
  switch (state.status) {
    case 'none':
      return undefined;
    case 'active':
      return { unitId: state.unitId, status: 'active' };
    case 'merged':
      return { unitId: state.unitId, status: 'merged', mergedInto: state.intoUnitId };
    default:
      return assertNever(state);
  }
};

const registerUnit = (
  { data }: RegisterUnit,
  state: UnitState,
  context: UnitContext,
): UnitRegistered[] => {
  // Rule: a unit id is a slug.
  if (!isValidId(data.unitId)) {
    throw new DomainError(
      DomainErrorCode.UNIT_ID_INVALID,
      'unitId must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$',
      'unitId',
    );
  }
  // Rule: a unit is registered once.
  if (state.status !== 'none') {
    throw new DomainError(
      DomainErrorCode.UNIT_ALREADY_EXISTS,
      `Unit ${data.unitId} is already registered`,
      'unitId',
    );
  }
  const name = requireText(data.name, 'name', TEXT_LIMITS.name);
  // Rule: the kind is in the catalogue.
  if (!isUnitKind(data.kind)) {
    throw new DomainError(
      DomainErrorCode.UNIT_KIND_UNKNOWN,
      `Unknown unit kind: ${String(data.kind)}`,
      'kind',
    );
  }
  const parentId = data.parentId ?? null;
  if (parentId !== null) {
    // Rule: the parent exists and is not merged (a merged unit takes no new children).
    const parent = checkSummaryId(context.parent, (s) => s.unitId, parentId);
    if (parent === undefined) {
      throw new DomainError(
        DomainErrorCode.PARENT_UNIT_NOT_FOUND,
        `Parent unit ${parentId} does not exist`,
        'parentId',
      );
    }
    if (parent.status === 'merged') {
      throw new DomainError(
        DomainErrorCode.UNIT_MERGED,
        `Parent unit ${parentId} has merged into ${parent.mergedInto ?? 'another unit'}`,
        'parentId',
      );
    }
  }
  return [{ type: 'UnitRegistered', data: { unitId: data.unitId, name, kind: data.kind, parentId } }];
};

const mergeUnit = ({ data }: MergeUnit, state: UnitState, context: UnitContext): UnitMerged[] => {
  // Rule: only an existing, not yet merged unit merges.
  if (state.status === 'none') {
    throw new DomainError(DomainErrorCode.UNIT_NOT_FOUND, `Unit ${data.unitId} does not exist`);
  }
  if (state.status === 'merged') {
    throw new DomainError(
      DomainErrorCode.UNIT_ALREADY_MERGED,
      `Unit ${state.unitId} has already merged into ${state.intoUnitId}`,
    );
  }
  // Rule: a unit does not merge into itself.
  if (data.intoUnitId === state.unitId) {
    throw new DomainError(
      DomainErrorCode.UNIT_MERGE_INTO_SELF,
      'A unit cannot merge into itself',
      'intoUnitId',
    );
  }
  // Rule: the target exists and is active.
  const target = checkSummaryId(context.target, (s) => s.unitId, data.intoUnitId);
  if (target === undefined) {
    throw new DomainError(
      DomainErrorCode.UNIT_NOT_FOUND,
      `Unit ${data.intoUnitId} does not exist`,
      'intoUnitId',
    );
  }
  if (target.status === 'merged') {
    throw new DomainError(
      DomainErrorCode.UNIT_MERGED,
      `Unit ${data.intoUnitId} has itself merged into ${target.mergedInto ?? 'another unit'}`,
      'intoUnitId',
    );
  }
  // Rule: no cycle: the target is not inside the merged unit's subtree.
  if ((context.targetAncestorIds ?? []).includes(state.unitId)) {
    throw new DomainError(
      DomainErrorCode.UNIT_MERGE_CYCLE,
      `Unit ${data.intoUnitId} lies inside ${state.unitId}'s subtree: the merge would make a cycle`,
      'intoUnitId',
    );
  }
  const effectiveOn = requirePastOrToday(data.effectiveOn, context.today, 'effectiveOn');
  const decisionNo = optionalText(data.decisionNo, 'decisionNo', TEXT_LIMITS.decisionNo);
  return [
    {
      type: 'UnitMerged',
      data: {
        unitId: state.unitId,
        intoUnitId: data.intoUnitId,
        effectiveOn,
        ...(decisionNo !== undefined ? { decisionNo } : {}),
      },
    },
  ];
};

const decide = (command: UnitCommand, state: UnitState, context: UnitContext): UnitEvent[] => {
  switch (command.type) {
    case 'RegisterUnit':
      return registerUnit(command, state, context);
    case 'MergeUnit':
      return mergeUnit(command, state, context);
    default:
      return assertNever(command);
  }
};

const evolve = (state: UnitState, event: UnitEvent): UnitState => {
  switch (event.type) {
    case 'UnitRegistered': {
      if (state.status !== 'none') return state;
      const { unitId, name, kind, parentId } = event.data;
      return { status: 'active', unitId, name, kind, parentId };
    }
    case 'UnitMerged': {
      if (state.status !== 'active') return state;
      const { intoUnitId, effectiveOn, decisionNo } = event.data;
      return {
        status: 'merged',
        unitId: state.unitId,
        name: state.name,
        kind: state.kind,
        parentId: state.parentId,
        intoUnitId,
        effectiveOn,
        ...(decisionNo !== undefined ? { decisionNo } : {}),
      };
    }
    default:
      return assertNever(event);
  }
};

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent, UnitContext> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
