import { storedCalendarKeysFor, storedKeysFor } from './stats-periods.js';

describe('stored statistics periods', () => {
  it('keeps a year row and a month row per day', () => {
    expect(storedCalendarKeysFor('2024-02-29')).toEqual(['year:2024', 'month:2024-02']);
  });

  it('answers halves and quarters from their months, other keys from their own row', () => {
    expect(storedKeysFor('quarter:2024-Q3')).toEqual(['month:2024-07', 'month:2024-08', 'month:2024-09']);
    expect(storedKeysFor('half:2025-H2')).toEqual(['month:2025-07', 'month:2025-08', 'month:2025-09', 'month:2025-10', 'month:2025-11', 'month:2025-12']);
    expect(storedKeysFor('year:2024')).toEqual(['year:2024']);
    expect(storedKeysFor('month:2024-07')).toEqual(['month:2024-07']);
    expect(storedKeysFor('phase:2021-2025')).toEqual(['phase:2021-2025']);
  });
});
