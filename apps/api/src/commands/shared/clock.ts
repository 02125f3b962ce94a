import type { IsoDate } from '#domain';

/** Where the command side reads the time: injectable, so tests pin it. */
export interface Clock {
  now(): Date;
}

/** Inject with `@Inject(CLOCK) clock: Clock`; tests override the provider with a fixed clock. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** Business dates ("today", "not in the future") are dates in Vietnam. */
export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date `YYYY-MM-DD` of an instant in a time zone (Vietnam by default). */
export function businessDate(instant: Date, timeZone: string = BUSINESS_TIME_ZONE): IsoDate {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => {
    const value = parts.find((p) => p.type === type)?.value;
    if (value === undefined) throw new Error(`No ${type} in the formatted date of ${instant.toISOString()}`);
    return value;
  };
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** A clock that always answers the same instant (tests). */
export const fixedClock = (iso: string): Clock => {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`Invalid instant ${iso}`);
  return { now: () => new Date(instant.getTime()) };
};
