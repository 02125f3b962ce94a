import type { Command } from '../decider.js';

/** POST /v1/models (the handler generates `modelId` when the body leaves it out). */
export type RegisterModel = Command<
  'RegisterModel',
  {
    modelId: string;
    unitId: string;
    title: string;
    field: string;
    holderKind: string;
    holderName: string;
    registeredOn: string;
  }
>;

/** POST /v1/models/{modelId}/recognitions */
export type RecognizeModel = Command<
  'RecognizeModel',
  {
    modelId: string;
    level: string;
    recognizedOn: string;
    byUnitId: string;
    decisionNo?: string | null;
  }
>;

/** POST /v1/models/{modelId}/withdrawal */
export type WithdrawModel = Command<
  'WithdrawModel',
  { modelId: string; withdrawnOn: string; reason: string }
>;

export type ModelCommand = RegisterModel | RecognizeModel | WithdrawModel;
