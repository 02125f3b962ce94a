import type { Command } from '../decider.js';

/** POST /v1/phases */
export type DefinePhase = Command<
  'DefinePhase',
  { phaseId: string; name: string; startsOn: string; endsOn: string }
>;

export type PhaseCommand = DefinePhase;
