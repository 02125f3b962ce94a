import { DomainError } from '../errors.js';
import { awardUniquenessKey } from './award.decider.js';
import {
  awardReservationStream,
  decideAwardReservation,
  evolveAwardReservation,
  initialAwardReservationState,
  type AwardReservationState,
} from './award-reservation.js';
import type { AwardUniquenessReserved } from './award-reservation.events.js';

const key = awardUniquenessKey({
  recipientKind: 'individual',
  recipientName: 'Nguyễn Văn An',
  recipientUnitId: 'lam-binh',
  form: 'bang_khen',
  decisionNo: '1290/QĐ-UBND',
  issuerUnitId: 'tuyen-quang',
  decidedOn: '2024-05-19',
});
const reserved = (awardId: string): AwardUniquenessReserved => ({
  type: 'AwardUniquenessReserved',
  data: { key, awardId },
});
const heldBy = (awardId: string): AwardReservationState =>
  evolveAwardReservation(initialAwardReservationState, reserved(awardId));

describe('award reservation', () => {
  it('names the stream by the key digest, never like an award stream', () => {
    const digest = 'a'.repeat(64);
    expect(awardReservationStream(digest)).toBe(`award-reservation-${digest}`);
    expect(() => awardReservationStream('not-a-digest')).toThrow(/SHA-256/);
    expect(() => awardReservationStream('A'.repeat(64))).toThrow(/SHA-256/);
  });

  it('evolves to the last holder', () => {
    expect(initialAwardReservationState).toStrictEqual({ status: 'free' });
    const state = evolveAwardReservation(heldBy('a-1'), reserved('a-2'));
    expect(state).toStrictEqual({ status: 'held', key, awardId: 'a-2' });
  });

  it('reserves a free key', () => {
    expect(decideAwardReservation(key, 'a-1', initialAwardReservationState)).toStrictEqual({
      outcome: 'reserve',
      events: [reserved('a-1')],
    });
  });

  it('goes on when the key is already this award (a retry)', () => {
    expect(decideAwardReservation(key, 'a-1', heldBy('a-1'))).toStrictEqual({ outcome: 'held' });
  });

  it('rejects a duplicate of a granted award (conflict)', () => {
    let error: unknown;
    try {
      decideAwardReservation(key, 'a-2', heldBy('a-1'), 'granted');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'AWARD_DUPLICATE', kind: 'conflict' });
    expect((error as DomainError).message).toMatch(/a-1/);
  });

  it('waits for a holder that may still be writing its grant', () => {
    expect(decideAwardReservation(key, 'a-2', heldBy('a-1'), 'pending')).toStrictEqual({
      outcome: 'pending',
      holderAwardId: 'a-1',
    });
  });

  it('takes over the key of an award that was never written', () => {
    expect(decideAwardReservation(key, 'a-2', heldBy('a-1'), 'abandoned')).toStrictEqual({
      outcome: 'reserve',
      events: [reserved('a-2')],
    });
  });

  it('refuses to decide without the holder status, or across two keys', () => {
    expect(() => decideAwardReservation(key, 'a-2', heldBy('a-1'))).toThrow(/status of award a-1/);
    expect(() => decideAwardReservation('["other"]', 'a-2', heldBy('a-1'), 'granted')).toThrow(/collision/);
  });
});
