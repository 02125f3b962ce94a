import { calendarKeyFor, formatPeriodKey, parsePeriodKey, rangeOf, seriesKeys, type PhaseSpan } from '#domain';

/**
 * Which period rows rm_period_stats keeps: years, months, and phases that do not cover
 * whole years. A half or a quarter is the sum of its months, and a phase of whole years
 * (2021-2025, 2025-2030) the sum of its years, at query time: fewer rows to write per fact,
 * for a query that reads a few keys instead of one.
 */
export function storedCalendarKeysFor(day: string): readonly [string, string] {
  return [calendarKeyFor('year', day), calendarKeyFor('month', day)];
}

/** A phase from 1 January to 31 December of some years is answered from year rows. */
export function coversWholeYears(phase: Pick<PhaseSpan, 'startsOn' | 'endsOn'>): boolean {
  return phase.startsOn.endsWith('-01-01') && phase.endsOn.endsWith('-12-31');
}

/** The phases that keep rows of their own. */
export function phasesWithOwnRows<P extends PhaseSpan>(phases: readonly P[]): P[] {
  return phases.filter((phase) => !coversWholeYears(phase));
}

/**
 * The stored rows whose sum answers `periodKey` (a canonical or raw period key); `phases`
 * must hold the span of a phase key's phase.
 */
export function storedKeysFor(periodKey: string, phases: readonly PhaseSpan[] = []): string[] {
  const key = parsePeriodKey(periodKey);
  if (key.kind === 'half' || key.kind === 'quarter') {
    const { from, to } = rangeOf(key);
    return seriesKeys('month', from, to);
  }
  if (key.kind === 'phase') {
    const phase = phases.find((p) => p.phaseId === key.phaseId);
    if (phase && coversWholeYears(phase)) return seriesKeys('year', phase.startsOn, phase.endsOn);
  }
  return [formatPeriodKey(key)];
}
