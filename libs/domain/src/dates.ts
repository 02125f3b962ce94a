/**
 * Business dates are ISO calendar dates `YYYY-MM-DD` (no time, no zone). Two valid dates
 * compare correctly as strings, so `a < b` is date order.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** Parses `YYYY-MM-DD` into its parts; undefined unless it is a real calendar date (year >= 1). */
export const parseIsoDate = (value: unknown): CalendarDate | undefined => {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
};

/** True for the first day of a month (`day` 'first') or the last day of one ('last'). */
export const isMonthEdge = (date: IsoDate, day: 'first' | 'last'): boolean => {
  const parts = parseIsoDate(date);
  if (!parts) return false;
  return parts.day === (day === 'first' ? 1 : daysInMonth(parts.year, parts.month));
};

export const isIsoDate = (value: unknown): value is IsoDate => parseIsoDate(value) !== undefined;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const formatIsoDate = (year: number, month: number, day: number): IsoDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

export const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

export const maxDate = (first: IsoDate, ...rest: readonly IsoDate[]): IsoDate =>
  rest.reduce((max, d) => (d > max ? d : max), first);

export const minDate = (first: IsoDate, ...rest: readonly IsoDate[]): IsoDate =>
  rest.reduce((min, d) => (d < min ? d : min), first);
