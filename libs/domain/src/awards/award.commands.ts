import type { Command } from '../decider.js';

/** POST /v1/awards (the handler generates `awardId` when the body leaves it out). */
export type GrantAward = Command<
  'GrantAward',
  {
    awardId: string;
    recipientKind: string;
    recipientName: string;
    recipientUnitId: string;
    form: string;
    issuerUnitId: string;
    decisionNo: string;
    decidedOn: string;
    movement: string;
    modelId?: string | null;
  }
>;

/** POST /v1/awards/{awardId}/revocation */
export type RevokeAward = Command<
  'RevokeAward',
  { awardId: string; revokedOn: string; decisionNo: string; reason: string }
>;

export type AwardCommand = GrantAward | RevokeAward;
