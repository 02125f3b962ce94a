import { parsePeriodKey, rangeOf, type PhaseSpan } from '#domain';

/**
 * How rm_year_stats keeps statistics: one row per year (× unit × path version × field ×
 * metric) with the year's total and its twelve months, so a fact writes one row. Every
 * period is a sum over these rows at query time: a year reads `total`, a month one month
 * column, a half or a quarter its months, and a phase (phases run over whole months, a
 * domain rule) the totals of its whole years and the months of a partial first or last
 * year. A phase defined after its facts therefore needs no work at all.
 */
export const MONTH_COLUMNS = ['m01', 'm02', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10', 'm11', 'm12'] as const;
export type MonthColumn = (typeof MONTH_COLUMNS)[number];

/** The numbers of a year row: its total, then its twelve months. */
export const SUM_COLUMNS = ['total', ...MONTH_COLUMNS] as const;

/** The months `first`..`last` (1-12, inclusive) of one year; 1..12 is the whole year. */
export interface YearSpan {
  readonly year: number;
  readonly first: number;
  readonly last: number;
}

/** The year and month (1-12) of a business date `YYYY-MM-DD`. */
export function yearAndMonthOf(day: string): { year: number; month: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

/**
 * The year spans whose sum answers `periodKey` (a canonical or raw period key). A phase
 * key needs its phase in `phases` (else DomainError PHASE_NOT_FOUND).
 */
export function yearSpansFor(periodKey: string, phases: readonly PhaseSpan[] = []): YearSpan[] {
  const { from, to } = rangeOf(parsePeriodKey(periodKey), phases);
  const start = yearAndMonthOf(from);
  const end = yearAndMonthOf(to);
  const spans: YearSpan[] = [];
  for (let year = start.year; year <= end.year; year++) {
    spans.push({ year, first: year === start.year ? start.month : 1, last: year === end.year ? end.month : 12 });
  }
  return spans;
}
