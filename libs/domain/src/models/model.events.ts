import type { HolderKind, RecognitionLevel } from '../catalogues/kinds.js';
import type { ModelField } from '../catalogues/model-fields.js';
import type { IsoDate } from '../dates.js';
import type { Event } from '../decider.js';

/** Stream `model-{modelId}`. */
export type ModelRegistered = Event<
  'ModelRegistered',
  {
    modelId: string;
    unitId: string;
    title: string;
    field: ModelField;
    holderKind: HolderKind;
    holderName: string;
    registeredOn: IsoDate;
  }
>;

export type ModelRecognized = Event<
  'ModelRecognized',
  {
    modelId: string;
    level: RecognitionLevel;
    recognizedOn: IsoDate;
    byUnitId: string;
    decisionNo?: string;
  }
>;

export type ModelWithdrawn = Event<
  'ModelWithdrawn',
  { modelId: string; withdrawnOn: IsoDate; reason: string }
>;

export type ModelEvent = ModelRegistered | ModelRecognized | ModelWithdrawn;
