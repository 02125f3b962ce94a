import { calendarKeyFor, formatPeriodKey, parsePeriodKey, rangeOf, seriesKeys } from '#domain';

/**
 * Which period rows rm_period_stats keeps: years, months and phases. A half or a quarter
 * is the sum of its months at query time: two fewer rows to write per fact, for a query
 * that reads three or six keys instead of one.
 */
export function storedCalendarKeysFor(day: string): readonly [string, string] {
  return [calendarKeyFor('year', day), calendarKeyFor('month', day)];
}

/** The stored rows whose sum answers `periodKey` (a canonical or raw period key). */
export function storedKeysFor(periodKey: string): string[] {
  const key = parsePeriodKey(periodKey);
  if (key.kind === 'half' || key.kind === 'quarter') {
    const { from, to } = rangeOf(key);
    return seriesKeys('month', from, to);
  }
  return [formatPeriodKey(key)];
}
