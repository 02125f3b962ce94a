import type { UnitKind } from '../catalogues/unit-kinds.js';
import type { IsoDate } from '../dates.js';
import type { Event } from '../decider.js';

/** Stream `unit-{unitId}`. */
export type UnitRegistered = Event<
  'UnitRegistered',
  { unitId: string; name: string; kind: UnitKind; parentId: string | null }
>;

/** The unit's children and recorded facts count, from now on, under `intoUnitId`. */
export type UnitMerged = Event<
  'UnitMerged',
  { unitId: string; intoUnitId: string; effectiveOn: IsoDate; decisionNo?: string }
>;

export type UnitEvent = UnitRegistered | UnitMerged;
