import { DomainError } from '#domain';
import { storedCalendarKeysFor, storedKeysFor } from './stats-periods.js';

const PHASES = [
  { phaseId: '2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' },
  { phaseId: 'dot-thi-dua', startsOn: '2024-09-01', endsOn: '2026-02-28' },
  { phaseId: 'one-year', startsOn: '2024-07-01', endsOn: '2024-09-30' },
];

describe('stored statistics periods', () => {
  it('keeps a year row and a month row per day', () => {
    expect(storedCalendarKeysFor('2024-02-29')).toEqual(['year:2024', 'month:2024-02']);
  });

  it('answers halves and quarters from their months, years and months from their own row', () => {
    expect(storedKeysFor('quarter:2024-Q3')).toEqual(['month:2024-07', 'month:2024-08', 'month:2024-09']);
    expect(storedKeysFor('half:2025-H2')).toEqual(['month:2025-07', 'month:2025-08', 'month:2025-09', 'month:2025-10', 'month:2025-11', 'month:2025-12']);
    expect(storedKeysFor('year:2024')).toEqual(['year:2024']);
    expect(storedKeysFor('month:2024-07')).toEqual(['month:2024-07']);
  });

  it('answers a phase from the rows of its whole years and the months of its partial years', () => {
    expect(storedKeysFor('phase:2021-2025', PHASES)).toEqual(['year:2021', 'year:2022', 'year:2023', 'year:2024', 'year:2025']);
    expect(storedKeysFor('phase:dot-thi-dua', PHASES)).toEqual([
      'month:2024-09', 'month:2024-10', 'month:2024-11', 'month:2024-12', 'year:2025', 'month:2026-01', 'month:2026-02',
    ]);
    expect(storedKeysFor('phase:one-year', PHASES)).toEqual(['month:2024-07', 'month:2024-08', 'month:2024-09']);
  });

  it('refuses a phase it does not know', () => {
    expect(() => storedKeysFor('phase:2030-2035', PHASES)).toThrow(DomainError);
  });
});
