import {
  awardDecider,
  awardReservationStream,
  awardStream,
  awardUniquenessKey,
  decideAwardReservation,
  evolveAwardReservation,
  initialAwardReservationState,
  type AwardGranted,
  type AwardReservationEvent,
  type AwardReservationHolderStatus,
  type AwardReservationState,
} from '#domain';
import { ConcurrencyError, type RecordedEvent } from '#event-store';
import type { CommandExecutor } from '../shared/command-executor.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { sha256Hex } from '../shared/deterministic-id.js';
import type { Evolver, StreamLoader } from '../shared/stream-loader.js';

/**
 * How long a reservation whose award is not written yet counts as "grant in flight"; after
 * that its writer is presumed crashed and another grant may take the key over.
 */
export const RESERVATION_GRACE_MS = 30_000;

const reservationEvolver: Evolver<AwardReservationState, AwardReservationEvent> = {
  initialState: initialAwardReservationState,
  evolve: evolveAwardReservation,
};

/**
 * Reserves the grant's uniqueness key (recipient, form, decision) in its own stream,
 * after the grant was decided and before it is appended: 409 AWARD_DUPLICATE when
 * another award holds it. A holder still in flight raises a ConcurrencyError, so the
 * executor retries the whole command (and it then ends as a duplicate or a 409).
 */
export async function reserveAwardKey(
  streams: StreamLoader,
  executor: CommandExecutor,
  grant: AwardGranted['data'],
  meta: CommandMeta,
): Promise<void> {
  const key = awardUniquenessKey(grant);
  const stream = awardReservationStream(sha256Hex(key));
  const reservation = await streams.load(reservationEvolver, stream);
  const { state } = reservation;
  const holderStatus =
    state.status === 'held' && state.awardId !== grant.awardId
      ? await holderStatusOf(streams, state.awardId, key, reservation.events, executor.now())
      : undefined;
  const decision = decideAwardReservation(key, grant.awardId, state, holderStatus);
  switch (decision.outcome) {
    case 'held':
      return;
    case 'reserve':
      // No stream yet, or a take-over at exactly the revision read.
      await executor.append(stream, decision.events, reservation.head, meta);
      return;
    case 'pending':
      throw new ConcurrencyError(stream, reservation.head.revision, reservation.head.revision);
  }
}

async function holderStatusOf(
  streams: StreamLoader,
  holderAwardId: string,
  key: string,
  reservationEvents: readonly RecordedEvent[],
  now: Date,
): Promise<AwardReservationHolderStatus> {
  const holder = (await streams.load(awardDecider, awardStream(holderAwardId))).state;
  if (holder.status !== 'none') {
    // The holder exists; it holds the key only if it grants this very recipient, form and
    // decision (its grant may have failed after reserving, and the id been used for another).
    return awardUniquenessKey(holder) === key ? 'granted' : 'abandoned';
  }
  const last = reservationEvents[reservationEvents.length - 1];
  const stamped = last?.metadata['recordedAt'];
  const reservedAt = typeof stamped === 'string' && !Number.isNaN(Date.parse(stamped)) ? Date.parse(stamped) : last?.recordedAt.getTime() ?? 0;
  return now.getTime() - reservedAt >= RESERVATION_GRACE_MS ? 'abandoned' : 'pending';
}
