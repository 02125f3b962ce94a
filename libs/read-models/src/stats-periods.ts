import { calendarKeyFor, formatPeriodKey, parsePeriodKey, rangeOf, seriesKeys, type PhaseSpan } from '#domain';

/**
 * Which period rows rm_period_stats keeps: a year row and a month row per fact, nothing
 * else. Halves, quarters and phases (which run over whole months, a domain rule) are sums
 * of year and month rows at query time: fewer rows to write per fact, for a query that
 * reads a few keys instead of one, and a phase defined after its facts needs no work.
 */
export function storedCalendarKeysFor(day: string): readonly [string, string] {
  return [calendarKeyFor('year', day), calendarKeyFor('month', day)];
}

/**
 * The stored rows whose sum answers `periodKey` (a canonical or raw period key). A phase
 * key needs its phase in `phases` (else DomainError PHASE_NOT_FOUND): its whole years are
 * read from year rows, the months of a partial first or last year from month rows.
 */
export function storedKeysFor(periodKey: string, phases: readonly PhaseSpan[] = []): string[] {
  const key = parsePeriodKey(periodKey);
  if (key.kind === 'year' || key.kind === 'month') return [formatPeriodKey(key)];
  const { from, to } = rangeOf(key, phases);
  if (key.kind !== 'phase') return seriesKeys('month', from, to);
  return seriesKeys('year', from, to).flatMap((year) => {
    const whole = rangeOf(year);
    if (from <= whole.from && whole.to <= to) return [year];
    return seriesKeys('month', from > whole.from ? from : whole.from, to < whole.to ? to : whole.to);
  });
}
