/**
 * Statistics periods. Keys (also the HTTP `period` parameter): `phase:<phaseId>`,
 * `year:2024`, `half:2024-H1`, `quarter:2024-Q3`, `month:2024-07`. A fact counts in
 * every period containing its business date; bounds are inclusive.
 */
import { daysInMonth, formatIsoDate, parseIsoDate, type IsoDate } from '../dates.js';
import { assertNever } from '../decider.js';
import { DomainError, DomainErrorCode } from '../errors.js';
import { isValidId } from '../ids.js';

export const GRANULARITIES = ['year', 'half', 'quarter', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const isGranularity = (value: unknown): value is Granularity =>
  GRANULARITIES.some((g) => g === value);

export type PeriodKey =
  | Readonly<{ kind: 'phase'; phaseId: string }>
  | Readonly<{ kind: 'year'; year: number }>
  | Readonly<{ kind: 'half'; year: number; half: 1 | 2 }>
  | Readonly<{ kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }>
  | Readonly<{ kind: 'month'; year: number; month: number }>;

export type PeriodKind = PeriodKey['kind'];

/** A phase as the period functions need it. */
export type PhaseSpan = Readonly<{ phaseId: string; startsOn: IsoDate; endsOn: IsoDate }>;

/** Inclusive bounds. */
export type DateRange = Readonly<{ from: IsoDate; to: IsoDate }>;

const PERIODS_PER_YEAR: Readonly<Record<Granularity, number>> = {
  year: 1,
  half: 2,
  quarter: 4,
  month: 12,
};

const YEAR = '(\\d{4})';
const PATTERNS = {
  year: new RegExp(`^${YEAR}$`),
  half: new RegExp(`^${YEAR}-H([12])$`),
  quarter: new RegExp(`^${YEAR}-Q([1-4])$`),
  month: new RegExp(`^${YEAR}-(0[1-9]|1[0-2])$`),
} as const;

const parseYear = (digits: string | undefined): number | undefined => {
  const year = Number(digits);
  return Number.isInteger(year) && year >= 1 ? year : undefined;
};

/** Parses a period key; undefined when it is malformed. */
export const tryParsePeriodKey = (value: string): PeriodKey | undefined => {
  if (typeof value !== 'string') return undefined;
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  const kind = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  switch (kind) {
    case 'phase':
      return isValidId(rest) ? { kind: 'phase', phaseId: rest } : undefined;
    case 'year': {
      const m = PATTERNS.year.exec(rest);
      const year = parseYear(m?.[1]);
      return year === undefined ? undefined : { kind: 'year', year };
    }
    case 'half': {
      const m = PATTERNS.half.exec(rest);
      const year = parseYear(m?.[1]);
      if (year === undefined || m === null) return undefined;
      return { kind: 'half', year, half: m[2] === '1' ? 1 : 2 };
    }
    case 'quarter': {
      const m = PATTERNS.quarter.exec(rest);
      const year = parseYear(m?.[1]);
      const quarter = Number(m?.[2]);
      if (year === undefined) return undefined;
      if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) return undefined;
      return { kind: 'quarter', year, quarter };
    }
    case 'month': {
      const m = PATTERNS.month.exec(rest);
      const year = parseYear(m?.[1]);
      if (year === undefined) return undefined;
      return { kind: 'month', year, month: Number(m?.[2]) };
    }
    default:
      return undefined;
  }
};

/** Parses a period key; throws DomainError PERIOD_KEY_INVALID (field `period`) when malformed. */
export const parsePeriodKey = (value: string): PeriodKey => {
  const key = tryParsePeriodKey(value);
  if (key === undefined) {
    throw new DomainError(
      DomainErrorCode.PERIOD_KEY_INVALID,
      `Invalid period key ${JSON.stringify(value)}: expected phase:<id>, year:YYYY, half:YYYY-H1|H2, quarter:YYYY-Q1..Q4 or month:YYYY-MM`,
      'period',
    );
  }
  return key;
};

export const isPeriodKey = (value: string): boolean => tryParsePeriodKey(value) !== undefined;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const formatPeriodKey = (key: PeriodKey): string => {
  switch (key.kind) {
    case 'phase':
      return `phase:${key.phaseId}`;
    case 'year':
      return `year:${pad(key.year, 4)}`;
    case 'half':
      return `half:${pad(key.year, 4)}-H${key.half}`;
    case 'quarter':
      return `quarter:${pad(key.year, 4)}-Q${key.quarter}`;
    case 'month':
      return `month:${pad(key.year, 4)}-${pad(key.month, 2)}`;
    default:
      return assertNever(key);
  }
};

export const phaseKey = (phaseId: string): string => `phase:${phaseId}`;

const requireDate = (date: IsoDate, field: string): { year: number; month: number } => {
  const parsed = parseIsoDate(date);
  if (parsed === undefined) {
    throw new DomainError(
      DomainErrorCode.DATE_INVALID,
      `${field} must be a real calendar date YYYY-MM-DD`,
      field,
    );
  }
  return parsed;
};

/** The position of a calendar period on a line of periods of its granularity. */
const indexOf = (granularity: Granularity, year: number, month: number): number => {
  const n = PERIODS_PER_YEAR[granularity];
  return year * n + Math.floor(((month - 1) * n) / 12);
};

const keyAt = (granularity: Granularity, index: number): string => {
  const n = PERIODS_PER_YEAR[granularity];
  const year = Math.floor(index / n);
  const sub = (index % n) + 1;
  switch (granularity) {
    case 'year':
      return `year:${pad(year, 4)}`;
    case 'half':
      return `half:${pad(year, 4)}-H${sub}`;
    case 'quarter':
      return `quarter:${pad(year, 4)}-Q${sub}`;
    case 'month':
      return `month:${pad(year, 4)}-${pad(sub, 2)}`;
    default:
      return assertNever(granularity);
  }
};

/** The key of the calendar period of `granularity` that contains `date`. */
export const calendarKeyFor = (granularity: Granularity, date: IsoDate): string => {
  const { year, month } = requireDate(date, 'date');
  return keyAt(granularity, indexOf(granularity, year, month));
};

/** The year, half, quarter and month keys of a date, in that order. */
export const calendarKeysFor = (date: IsoDate): readonly [string, string, string, string] => {
  const { year, month } = requireDate(date, 'date');
  return [
    keyAt('year', indexOf('year', year, month)),
    keyAt('half', indexOf('half', year, month)),
    keyAt('quarter', indexOf('quarter', year, month)),
    keyAt('month', indexOf('month', year, month)),
  ];
};

/** The phases whose inclusive bounds contain `date` (phases may overlap). */
export const phasesContaining = <P extends PhaseSpan>(date: IsoDate, phases: readonly P[]): P[] =>
  phases.filter((p) => p.startsOn <= date && date <= p.endsOn);

/** Every period key a fact dated `date` counts in: its phases', then its calendar keys. */
export const periodKeysFor = (date: IsoDate, phases: readonly PhaseSpan[]): string[] => [
  ...phasesContaining(date, phases).map((p) => phaseKey(p.phaseId)),
  ...calendarKeysFor(date),
];

const calendarRange = (year: number, firstMonth: number, lastMonth: number): DateRange => ({
  from: formatIsoDate(year, firstMonth, 1),
  to: formatIsoDate(year, lastMonth, daysInMonth(year, lastMonth)),
});

/**
 * The inclusive date range of a period. A phase key needs the phases; an unknown phase
 * throws DomainError PHASE_NOT_FOUND, a malformed key PERIOD_KEY_INVALID.
 */
export const rangeOf = (key: string | PeriodKey, phases: readonly PhaseSpan[] = []): DateRange => {
  const period = typeof key === 'string' ? parsePeriodKey(key) : key;
  switch (period.kind) {
    case 'phase': {
      const phase = phases.find((p) => p.phaseId === period.phaseId);
      if (phase === undefined) {
        throw new DomainError(
          DomainErrorCode.PHASE_NOT_FOUND,
          `Phase ${period.phaseId} is not defined`,
          'period',
        );
      }
      return { from: phase.startsOn, to: phase.endsOn };
    }
    case 'year':
      return calendarRange(period.year, 1, 12);
    case 'half':
      return calendarRange(period.year, period.half * 6 - 5, period.half * 6);
    case 'quarter':
      return calendarRange(period.year, period.quarter * 3 - 2, period.quarter * 3);
    case 'month':
      return calendarRange(period.year, period.month, period.month);
    default:
      return assertNever(period);
  }
};

/**
 * The keys, in order, of the calendar periods of `granularity` that overlap the inclusive
 * range [from, to]. Throws DATE_INVALID for a malformed date, DATE_RANGE_INVALID when
 * `to` is before `from`.
 */
export const seriesKeys = (granularity: Granularity, from: IsoDate, to: IsoDate): string[] => {
  const start = requireDate(from, 'from');
  const end = requireDate(to, 'to');
  if (to < from) {
    throw new DomainError(DomainErrorCode.DATE_RANGE_INVALID, `to ${to} is before from ${from}`, 'to');
  }
  const first = indexOf(granularity, start.year, start.month);
  const last = indexOf(granularity, end.year, end.month);
  const keys: string[] = [];
  for (let i = first; i <= last; i++) keys.push(keyAt(granularity, i));
  return keys;
};
