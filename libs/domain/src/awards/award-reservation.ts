/**
 * The rule "the same recipient cannot get the same form under the same decision twice"
 * spans award streams, so the application reserves the grant's uniqueness key in a stream
 * of its own before it appends the AwardGranted. This file holds the pure part: the
 * reservation stream's state and the decision whether a grant may take the key.
 */
import { assertNever } from '../decider.js';
import { DomainError, DomainErrorCode } from '../errors.js';
import type { AwardReservationEvent, AwardUniquenessReserved } from './award-reservation.events.js';

export const AWARD_RESERVATION_STREAM_PREFIX = 'award-reservation-';

/**
 * The reservation stream of a uniqueness key. `keyDigest` is the key's SHA-256 in hex,
 * computed by the application (the domain has no crypto). It cannot collide with an award
 * stream: `reservation-` plus 64 hex digits is longer than any award id may be.
 */
export const awardReservationStream = (keyDigest: string): string => {
  if (!/^[0-9a-f]{64}$/.test(keyDigest)) {
    throw new Error(`An award reservation stream is named by a SHA-256 hex digest, got ${keyDigest}`);
  }
  return `${AWARD_RESERVATION_STREAM_PREFIX}${keyDigest}`;
};

export type AwardReservationState =
  | Readonly<{ status: 'free' }>
  | Readonly<{ status: 'held'; key: string; awardId: string }>;

export const initialAwardReservationState: AwardReservationState = { status: 'free' };

export const evolveAwardReservation = (
  _state: AwardReservationState,
  event: AwardReservationEvent,
): AwardReservationState => {
  switch (event.type) {
    case 'AwardUniquenessReserved':
      // The last reservation wins: a take-over names the new holder.
      return { status: 'held', key: event.data.key, awardId: event.data.awardId };
    default:
      return assertNever(event.type);
  }
};

/**
 * What the application found out about the award that holds the key:
 * - `granted`: its award stream exists (granted, possibly revoked since);
 * - `pending`: not written yet, but reserved so recently that its grant may be in flight;
 * - `abandoned`: never written and reserved long ago (the writer crashed between the
 *   reservation and the grant): the key may be taken over.
 */
export type AwardReservationHolderStatus = 'granted' | 'pending' | 'abandoned';

export type AwardReservationDecision =
  /** Append these events (expected: no stream when free, else the exact revision read). */
  | Readonly<{ outcome: 'reserve'; events: readonly [AwardUniquenessReserved] }>
  /** The key is already this award's (a retry): go on with the grant. */
  | Readonly<{ outcome: 'held' }>
  /** Another grant holds the key and may still be writing: try again shortly. */
  | Readonly<{ outcome: 'pending'; holderAwardId: string }>;

/**
 * Decides whether the grant of `awardId` may take `key`. `holderStatus` is required when
 * the key is held by another award. Throws AWARD_DUPLICATE (a conflict) when another award
 * already grants the same form to the same recipient under the same decision.
 */
export const decideAwardReservation = (
  key: string,
  awardId: string,
  state: AwardReservationState,
  holderStatus?: AwardReservationHolderStatus,
): AwardReservationDecision => {
  const reserve: AwardReservationDecision = {
    outcome: 'reserve',
    events: [{ type: 'AwardUniquenessReserved', data: { key, awardId } }],
  };
  if (state.status === 'free') return reserve;
  if (state.key !== key) {
    // Two keys with one SHA-256: never expected; refuse rather than mix two recipients up.
    throw new Error(`Award reservation digest collision between ${state.key} and ${key}`);
  }
  if (state.awardId === awardId) return { outcome: 'held' };
  switch (holderStatus) {
    case 'granted':
      // Rule: the same recipient does not get the same form under the same decision twice.
      throw new DomainError(
        DomainErrorCode.AWARD_DUPLICATE,
        `Award ${state.awardId} already grants this form to this recipient under this decision`,
      );
    case 'pending':
      return { outcome: 'pending', holderAwardId: state.awardId };
    case 'abandoned':
      return reserve;
    case undefined:
      throw new Error(`The status of award ${state.awardId}, which holds the key, is needed`);
    default:
      return assertNever(holderStatus);
  }
};
