import type { Command } from '../decider.js';

/** POST /v1/units */
export type RegisterUnit = Command<
  'RegisterUnit',
  { unitId: string; name: string; kind: string; parentId?: string | null }
>;

/** POST /v1/units/{unitId}/merge */
export type MergeUnit = Command<
  'MergeUnit',
  { unitId: string; intoUnitId: string; effectiveOn: string; decisionNo?: string | null }
>;

export type UnitCommand = RegisterUnit | MergeUnit;
