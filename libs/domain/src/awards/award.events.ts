import type { AwardForm, Movement } from '../catalogues/awards.js';
import type { HolderKind } from '../catalogues/kinds.js';
import type { IsoDate } from '../dates.js';
import type { Event } from '../decider.js';

/** Stream `award-{awardId}`. */
export type AwardGranted = Event<
  'AwardGranted',
  {
    awardId: string;
    recipientKind: HolderKind;
    recipientName: string;
    recipientUnitId: string;
    form: AwardForm;
    issuerUnitId: string;
    decisionNo: string;
    decidedOn: IsoDate;
    movement: Movement;
    modelId?: string;
  }
>;

/** The decision is annulled (hủy bỏ quyết định): the insignia and bonus are taken back. */
export type AwardRevoked = Event<
  'AwardRevoked',
  { awardId: string; revokedOn: IsoDate; decisionNo: string; reason: string }
>;

export type AwardEvent = AwardGranted | AwardRevoked;
