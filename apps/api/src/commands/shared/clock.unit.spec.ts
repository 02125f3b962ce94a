import { businessDate, fixedClock, systemClock } from './clock.js';

describe('business date', () => {
  it('is the calendar date in Vietnam (UTC+7), not in UTC', () => {
    expect(businessDate(new Date('2025-06-15T16:59:59.999Z'))).toBe('2025-06-15');
    expect(businessDate(new Date('2025-06-15T17:00:00.000Z'))).toBe('2025-06-16');
    expect(businessDate(new Date('2024-12-31T17:00:00.000Z'))).toBe('2025-01-01');
    expect(businessDate(new Date('2024-02-28T17:30:00.000Z'))).toBe('2024-02-29');
  });

  it('can be asked in another zone', () => {
    expect(businessDate(new Date('2025-06-15T17:00:00.000Z'), 'UTC')).toBe('2025-06-15');
  });

  it('comes from an injectable clock', () => {
    const clock = fixedClock('2025-06-15T20:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2025-06-15T20:30:00.000Z');
    expect(clock.now()).not.toBe(clock.now());
    expect(() => fixedClock('yesterday')).toThrow(/Invalid instant/);
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
