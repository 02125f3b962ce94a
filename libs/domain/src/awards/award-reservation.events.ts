import type { Event } from '../decider.js';

/**
 * Stream `award-reservation-{sha256 hex of the uniqueness key}`: the award that holds the
 * key "this recipient, this form, this decision" (see `awardUniquenessKey`). A later event
 * in the stream hands the key over to another award (only when the holder's grant was
 * never written). Not a statistic: projections ignore it.
 */
export type AwardUniquenessReserved = Event<'AwardUniquenessReserved', { key: string; awardId: string }>;

export type AwardReservationEvent = AwardUniquenessReserved;
