import { DeciderSpecification } from '../testing/decider-spec.js';
import type { DefinePhase } from './phase.commands.js';
import { phaseDecider } from './phase.decider.js';
import type { PhaseDefined } from './phase.events.js';

const given = DeciderSpecification.for(phaseDecider);
const ctx = { today: '2024-01-10' };
const define = (data: Partial<DefinePhase['data']> = {}): DefinePhase => ({
  type: 'DefinePhase',
  data: { phaseId: '2025-2030', name: 'Giai đoạn 2025 - 2030', startsOn: '2025-01-01', endsOn: '2030-12-31', ...data },
});
const defined: PhaseDefined = {
  type: 'PhaseDefined',
  data: { phaseId: '2025-2030', name: 'Giai đoạn 2025 - 2030', startsOn: '2025-01-01', endsOn: '2030-12-31' },
};

describe('phase decider', () => {
  it('defines a phase, even one that starts in the future', () => {
    given([]).when(define(), ctx).then([defined]);
  });

  it('accepts a one-month phase ending on a leap day', () => {
    given([])
      .when(define({ startsOn: '2024-02-01', endsOn: '2024-02-29' }), ctx)
      .then([{ ...defined, data: { ...defined.data, startsOn: '2024-02-01', endsOn: '2024-02-29' } }]);
  });

  it.each([
    ['startsOn', { startsOn: '2024-09-02' }],
    ['endsOn', { endsOn: '2030-12-30' }],
    ['endsOn', { startsOn: '2024-02-01', endsOn: '2024-02-28' }],
  ] as const)('rejects a phase that does not run over whole months (%s)', (field, dates) => {
    given([]).when(define(dates), ctx).thenFails('PHASE_NOT_WHOLE_MONTHS', { field, kind: 'rule' });
  });

  it('stores the name in NFC', () => {
    given([]).when(define({ name: 'Giai đoạn 2025 - 2030'.normalize('NFD') }), ctx).then([defined]);
  });

  it('rejects a second definition (conflict)', () => {
    given([defined]).when(define(), ctx).thenFails('PHASE_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it('rejects an invalid id', () => {
    given([]).when(define({ phaseId: 'Phase 1' }), ctx).thenFails('ID_INVALID', { field: 'phaseId' });
  });

  it('rejects an empty name', () => {
    given([]).when(define({ name: '' }), ctx).thenFails('TEXT_REQUIRED', { field: 'name' });
  });

  it('rejects an end before the start', () => {
    given([])
      .when(define({ startsOn: '2025-01-01', endsOn: '2024-12-31' }), ctx)
      .thenFails('PHASE_DATES_INVALID', { field: 'endsOn' });
  });

  it.each([
    ['startsOn', '2025-13-01'],
    ['startsOn', '2023-02-29'],
    ['endsOn', '2030-12-32'],
    ['endsOn', '2030-6-1'],
  ] as const)('rejects the non-calendar %s %s', (field, value) => {
    given([]).when(define({ [field]: value }), ctx).thenFails('DATE_INVALID', { field });
  });

  it('evolves to defined', () => {
    expect(phaseDecider.evolve(phaseDecider.initialState, defined)).toStrictEqual({
      status: 'defined',
      ...defined.data,
    });
  });
});
