import type { IsoDate } from '../dates.js';
import type { Event } from '../decider.js';

/** Stream `phase-{phaseId}`. Bounds are inclusive; phases may overlap. */
export type PhaseDefined = Event<
  'PhaseDefined',
  { phaseId: string; name: string; startsOn: IsoDate; endsOn: IsoDate }
>;

export type PhaseEvent = PhaseDefined;
