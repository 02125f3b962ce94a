import { DomainError } from '../errors.js';
import {
  calendarKeyFor,
  calendarKeysFor,
  formatPeriodKey,
  parsePeriodKey,
  periodKeysFor,
  phasesContaining,
  rangeOf,
  seriesKeys,
  tryParsePeriodKey,
  type PhaseSpan,
} from './period.js';

const phases: PhaseSpan[] = [
  { phaseId: '2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' },
  { phaseId: '2025-2030', startsOn: '2025-01-01', endsOn: '2030-12-31' },
];

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

describe('period keys', () => {
  it.each([
    ['phase:2021-2025', { kind: 'phase', phaseId: '2021-2025' }],
    ['year:2024', { kind: 'year', year: 2024 }],
    ['half:2024-H1', { kind: 'half', year: 2024, half: 1 }],
    ['half:2024-H2', { kind: 'half', year: 2024, half: 2 }],
    ['quarter:2024-Q3', { kind: 'quarter', year: 2024, quarter: 3 }],
    ['month:2024-07', { kind: 'month', year: 2024, month: 7 }],
    ['month:2024-12', { kind: 'month', year: 2024, month: 12 }],
  ])('parses and formats %s', (key, parsed) => {
    expect(parsePeriodKey(key)).toStrictEqual(parsed);
    expect(formatPeriodKey(parsePeriodKey(key))).toBe(key);
  });

  it.each([
    'half:2024-H3', 'half:2024-H0', 'quarter:2024-Q5', 'quarter:2024-Q0', 'month:2024-13', 'month:2024-00',
    'month:2024-7', 'year:24', 'year:0000', 'year:2024-01', 'phase:', 'phase:Bad Id', 'week:2024-01',
    '2024', 'year:', 'YEAR:2024', ' year:2024', 'year:2024 ',
  ])('rejects %j', (key) => {
    expect(tryParsePeriodKey(key)).toBeUndefined();
    expect(codeOf(() => parsePeriodKey(key))).toBe('PERIOD_KEY_INVALID');
  });
});

describe('calendar keys of a date', () => {
  it('gives the year, half, quarter and month', () => {
    expect(calendarKeysFor('2024-07-15')).toStrictEqual(['year:2024', 'half:2024-H2', 'quarter:2024-Q3', 'month:2024-07']);
    expect(calendarKeysFor('2024-01-01')).toStrictEqual(['year:2024', 'half:2024-H1', 'quarter:2024-Q1', 'month:2024-01']);
    expect(calendarKeysFor('2024-06-30')).toStrictEqual(['year:2024', 'half:2024-H1', 'quarter:2024-Q2', 'month:2024-06']);
  });

  it('puts December in Q4 and H2', () => {
    expect(calendarKeysFor('2024-12-31')).toStrictEqual(['year:2024', 'half:2024-H2', 'quarter:2024-Q4', 'month:2024-12']);
  });

  it('handles 29 February', () => {
    expect(calendarKeysFor('2024-02-29')).toStrictEqual(['year:2024', 'half:2024-H1', 'quarter:2024-Q1', 'month:2024-02']);
    expect(codeOf(() => calendarKeysFor('2023-02-29'))).toBe('DATE_INVALID');
  });

  it('gives the key of one granularity', () => {
    expect(calendarKeyFor('quarter', '2025-10-01')).toBe('quarter:2025-Q4');
    expect(calendarKeyFor('month', '2025-10-01')).toBe('month:2025-10');
  });
});

describe('phases of a date', () => {
  it('finds both overlapping phases for a date in 2025', () => {
    expect(phasesContaining('2025-06-01', phases).map((p) => p.phaseId)).toStrictEqual(['2021-2025', '2025-2030']);
  });

  it('includes both bounds', () => {
    expect(phasesContaining('2021-01-01', phases).map((p) => p.phaseId)).toStrictEqual(['2021-2025']);
    expect(phasesContaining('2030-12-31', phases).map((p) => p.phaseId)).toStrictEqual(['2025-2030']);
    expect(phasesContaining('2020-12-31', phases)).toStrictEqual([]);
    expect(phasesContaining('2031-01-01', phases)).toStrictEqual([]);
  });

  it('lists every key a fact counts in', () => {
    expect(periodKeysFor('2025-06-01', phases)).toStrictEqual([
      'phase:2021-2025', 'phase:2025-2030', 'year:2025', 'half:2025-H1', 'quarter:2025-Q2', 'month:2025-06',
    ]);
  });
});

describe('range of a period', () => {
  it.each([
    ['year:2024', '2024-01-01', '2024-12-31'],
    ['half:2024-H1', '2024-01-01', '2024-06-30'],
    ['half:2024-H2', '2024-07-01', '2024-12-31'],
    ['quarter:2024-Q1', '2024-01-01', '2024-03-31'],
    ['quarter:2024-Q2', '2024-04-01', '2024-06-30'],
    ['quarter:2024-Q3', '2024-07-01', '2024-09-30'],
    ['quarter:2024-Q4', '2024-10-01', '2024-12-31'],
    ['month:2024-02', '2024-02-01', '2024-02-29'],
    ['month:2023-02', '2023-02-01', '2023-02-28'],
    ['month:1900-02', '1900-02-01', '1900-02-28'],
    ['month:2000-02', '2000-02-01', '2000-02-29'],
    ['month:2024-04', '2024-04-01', '2024-04-30'],
    ['month:2024-12', '2024-12-01', '2024-12-31'],
    ['phase:2021-2025', '2021-01-01', '2025-12-31'],
  ])('%s is %s..%s', (key, from, to) => {
    expect(rangeOf(key, phases)).toStrictEqual({ from, to });
  });

  it('accepts a parsed key', () => {
    expect(rangeOf({ kind: 'quarter', year: 2025, quarter: 3 })).toStrictEqual({ from: '2025-07-01', to: '2025-09-30' });
  });

  it('fails for an undefined phase and a malformed key', () => {
    expect(codeOf(() => rangeOf('phase:2031-2035', phases))).toBe('PHASE_NOT_FOUND');
    expect(codeOf(() => rangeOf('phase:2021-2025'))).toBe('PHASE_NOT_FOUND');
    expect(codeOf(() => rangeOf('month:2024-13'))).toBe('PERIOD_KEY_INVALID');
  });
});

describe('series keys', () => {
  it('lists the periods overlapping [from, to], in order', () => {
    expect(seriesKeys('year', '2021-01-01', '2025-12-31')).toStrictEqual([
      'year:2021', 'year:2022', 'year:2023', 'year:2024', 'year:2025',
    ]);
    expect(seriesKeys('half', '2024-06-30', '2025-07-01')).toStrictEqual([
      'half:2024-H1', 'half:2024-H2', 'half:2025-H1', 'half:2025-H2',
    ]);
    expect(seriesKeys('quarter', '2024-11-15', '2025-02-01')).toStrictEqual(['quarter:2024-Q4', 'quarter:2025-Q1']);
    expect(seriesKeys('month', '2024-11-30', '2025-02-01')).toStrictEqual([
      'month:2024-11', 'month:2024-12', 'month:2025-01', 'month:2025-02',
    ]);
  });

  it('gives one period for a range inside it', () => {
    expect(seriesKeys('month', '2024-02-29', '2024-02-29')).toStrictEqual(['month:2024-02']);
    expect(seriesKeys('year', '2024-03-01', '2024-04-01')).toStrictEqual(['year:2024']);
  });

  it('rejects a reversed range and invalid dates', () => {
    expect(codeOf(() => seriesKeys('year', '2025-01-01', '2024-12-31'))).toBe('DATE_RANGE_INVALID');
    expect(codeOf(() => seriesKeys('month', '2024-02-30', '2024-12-31'))).toBe('DATE_INVALID');
  });

  it('agrees with rangeOf: consecutive, gap-free ranges', () => {
    const keys = seriesKeys('month', '2023-01-01', '2024-12-31');
    expect(keys).toHaveLength(24);
    for (let i = 1; i < keys.length; i++) {
      const previous = rangeOf(keys[i - 1] ?? '');
      const current = rangeOf(keys[i] ?? '');
      expect(current.from > previous.to).toBe(true);
    }
  });
});
