import { DomainError } from '#domain';
import { yearAndMonthOf, yearSpansFor } from './stats-periods.js';

const PHASES = [
  { phaseId: '2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' },
  { phaseId: 'dot-thi-dua', startsOn: '2024-09-01', endsOn: '2026-02-28' },
  { phaseId: 'one-quarter', startsOn: '2024-07-01', endsOn: '2024-09-30' },
];
const whole = (year: number) => ({ year, first: 1, last: 12 });

describe('stored statistics periods', () => {
  it('places a day in its year and month', () => {
    expect(yearAndMonthOf('2024-02-29')).toEqual({ year: 2024, month: 2 });
  });

  it('answers years, halves, quarters and months from months of one year row', () => {
    expect(yearSpansFor('year:2024')).toEqual([whole(2024)]);
    expect(yearSpansFor('half:2025-H2')).toEqual([{ year: 2025, first: 7, last: 12 }]);
    expect(yearSpansFor('quarter:2024-Q3')).toEqual([{ year: 2024, first: 7, last: 9 }]);
    expect(yearSpansFor('month:2024-07')).toEqual([{ year: 2024, first: 7, last: 7 }]);
  });

  it('answers a phase from its whole years and the months of its partial years', () => {
    expect(yearSpansFor('phase:2021-2025', PHASES)).toEqual([2021, 2022, 2023, 2024, 2025].map(whole));
    expect(yearSpansFor('phase:dot-thi-dua', PHASES)).toEqual([
      { year: 2024, first: 9, last: 12 },
      whole(2025),
      { year: 2026, first: 1, last: 2 },
    ]);
    expect(yearSpansFor('phase:one-quarter', PHASES)).toEqual([{ year: 2024, first: 7, last: 9 }]);
  });

  it('refuses a phase it does not know', () => {
    expect(() => yearSpansFor('phase:2030-2035', PHASES)).toThrow(DomainError);
  });
});
