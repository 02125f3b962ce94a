import { foldEvents } from '../decider.js';
import { DeciderSpecification } from '../testing/decider-spec.js';
import type { LogWorkdays, RecordContribution, VoidEntry } from './ledger.commands.js';
import { ledgerDecider, type LedgerContext } from './ledger.decider.js';
import type { ContributionRecorded, EntryVoided, WorkdaysLogged } from './ledger.events.js';

const given = DeciderSpecification.for(ledgerDecider);
const today = '2024-07-31';
const ctx: LedgerContext = {
  today,
  unit: { unitId: 'lam-binh', status: 'active' },
  model: { modelId: 'm-1', status: 'registered', field: 'economy', unitId: 'lam-binh' },
};

const logWorkdays = (data: Partial<LogWorkdays['data']> = {}): LogWorkdays => ({
  type: 'LogWorkdays',
  data: { entryId: 'e-1', unitId: 'lam-binh', workdays: 120, on: '2024-07-15', ...data },
});
const contribute = (data: Partial<RecordContribution['data']> = {}): RecordContribution => ({
  type: 'RecordContribution',
  data: { entryId: 'e-2', unitId: 'lam-binh', metric: 'road_km', quantity: 2.5, on: '2024-07-20', ...data },
});
const voidEntry = (data: Partial<VoidEntry['data']> = {}): VoidEntry => ({
  type: 'VoidEntry',
  data: { entryId: 'e-1', unitId: 'lam-binh', reason: 'Nhập trùng', ...data },
});
const logged: WorkdaysLogged = {
  type: 'WorkdaysLogged',
  data: { entryId: 'e-1', unitId: 'lam-binh', workdays: 120, on: '2024-07-15' },
};
const recorded: ContributionRecorded = {
  type: 'ContributionRecorded',
  data: { entryId: 'e-2', unitId: 'lam-binh', metric: 'road_km', quantity: 2.5, on: '2024-07-20' },
};
const voided: EntryVoided = { type: 'EntryVoided', data: { entryId: 'e-1', reason: 'Nhập trùng' } };
const merged: LedgerContext = { today, unit: { unitId: 'lam-binh', status: 'merged', mergedInto: 'tuyen-quang' } };

describe('ledger decider', () => {
  describe('LogWorkdays', () => {
    it('logs workdays', () => {
      given([]).when(logWorkdays(), ctx).then([logged]);
    });

    it('keeps the activity (NFC, trimmed) and the model', () => {
      given([])
        .when(logWorkdays({ activity: ' Làm đường '.normalize('NFD'), modelId: 'm-1', workdays: 0.5 }), ctx)
        .then([{ ...logged, data: { ...logged.data, workdays: 0.5, activity: 'Làm đường', modelId: 'm-1' } }]);
    });

    it('omits a blank activity and a null model', () => {
      given([]).when(logWorkdays({ activity: '  ', modelId: null }), ctx).then([logged]);
    });

    it('accepts two decimals', () => {
      given([])
        .when(logWorkdays({ workdays: 12.25 }), ctx)
        .then([{ ...logged, data: { ...logged.data, workdays: 12.25 } }]);
    });

    it('rejects an entry id used before in this ledger (conflict)', () => {
      given([logged]).when(logWorkdays(), ctx).thenFails('ENTRY_ALREADY_EXISTS', { kind: 'conflict' });
      given([logged, voided]).when(logWorkdays(), ctx).thenFails('ENTRY_ALREADY_EXISTS');
      given([recorded]).when(logWorkdays({ entryId: 'e-2' }), ctx).thenFails('ENTRY_ALREADY_EXISTS');
    });

    it('rejects an invalid entry id', () => {
      given([]).when(logWorkdays({ entryId: 'E_1' }), ctx).thenFails('ID_INVALID', { field: 'entryId' });
    });

    it('rejects a missing or merged unit', () => {
      given([]).when(logWorkdays(), { today }).thenFails('UNIT_NOT_FOUND', { field: 'unitId', kind: 'not_found' });
      given([]).when(logWorkdays(), merged).thenFails('UNIT_MERGED', { field: 'unitId' });
    });

    it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.005, 0.001])('rejects %p workdays', (workdays) => {
      given([]).when(logWorkdays({ workdays }), ctx).thenFails('WORKDAYS_INVALID', { field: 'workdays' });
    });

    it('rejects a future or impossible date', () => {
      given([]).when(logWorkdays({ on: '2024-08-01' }), ctx).thenFails('DATE_IN_FUTURE', { field: 'on' });
      given([]).when(logWorkdays({ on: '2024-06-31' }), ctx).thenFails('DATE_INVALID', { field: 'on' });
    });

    it('rejects a missing model', () => {
      given([])
        .when(logWorkdays({ modelId: 'm-9' }), { ...ctx, model: undefined })
        .thenFails('MODEL_NOT_FOUND', { field: 'modelId', kind: 'not_found' });
    });
  });

  describe('RecordContribution', () => {
    it('records a contribution', () => {
      given([logged]).when(contribute(), ctx).then([recorded]);
    });

    it('keeps a note and accepts zero', () => {
      given([])
        .when(contribute({ quantity: 0, note: ' Bê tông hóa ' }), ctx)
        .then([{ ...recorded, data: { ...recorded.data, quantity: 0, note: 'Bê tông hóa' } }]);
    });

    it('records whole VND', () => {
      given([])
        .when(contribute({ metric: 'funds_vnd', quantity: 150_000_000 }), ctx)
        .then([{ ...recorded, data: { ...recorded.data, metric: 'funds_vnd', quantity: 150_000_000 } }]);
    });

    it('rejects an entry id used before', () => {
      given([recorded]).when(contribute(), ctx).thenFails('ENTRY_ALREADY_EXISTS');
    });

    it('rejects a missing or merged unit', () => {
      given([]).when(contribute(), { today }).thenFails('UNIT_NOT_FOUND');
      given([]).when(contribute(), merged).thenFails('UNIT_MERGED');
    });

    it('rejects a metric outside the catalogue', () => {
      given([]).when(contribute({ metric: 'trees' }), ctx).thenFails('METRIC_UNKNOWN', { field: 'metric' });
    });

    it('accepts a metric from a catalogue given in the context', () => {
      const metrics = [{ code: 'trees', label: 'Cây xanh', unitOfMeasure: 'cây', whole: true }];
      given([])
        .when(contribute({ metric: 'trees', quantity: 300 }), { ...ctx, metrics })
        .then([{ ...recorded, data: { ...recorded.data, metric: 'trees', quantity: 300 } }]);
    });

    it.each([-0.5, Number.NaN, Number.NEGATIVE_INFINITY])('rejects the quantity %p', (quantity) => {
      given([]).when(contribute({ quantity }), ctx).thenFails('QUANTITY_INVALID', { field: 'quantity' });
    });

    it('rejects fractional money and fractional counts', () => {
      given([]).when(contribute({ metric: 'funds_vnd', quantity: 1000.5 }), ctx).thenFails('QUANTITY_NOT_WHOLE');
      given([]).when(contribute({ metric: 'classrooms', quantity: 1.5 }), ctx).thenFails('QUANTITY_NOT_WHOLE');
    });

    it('rejects fractional money even when a custom catalogue forgets it', () => {
      const metrics = [{ code: 'funds_vnd', label: 'Kinh phí', unitOfMeasure: 'VND', whole: false }];
      given([])
        .when(contribute({ metric: 'funds_vnd', quantity: 0.5 }), { ...ctx, metrics })
        .thenFails('QUANTITY_NOT_WHOLE');
    });

    it('rejects a future date', () => {
      given([]).when(contribute({ on: '2024-08-01' }), ctx).thenFails('DATE_IN_FUTURE', { field: 'on' });
    });
  });

  describe('VoidEntry', () => {
    it('voids an entry', () => {
      given([logged, recorded]).when(voidEntry(), ctx).then([voided]);
    });

    it('voids an entry of a unit that has since merged (a correction of history)', () => {
      given([logged]).when(voidEntry(), merged).then([voided]);
    });

    it('rejects an unknown entry (not found)', () => {
      given([]).when(voidEntry(), ctx).thenFails('ENTRY_NOT_FOUND', { kind: 'not_found' });
      given([recorded]).when(voidEntry(), ctx).thenFails('ENTRY_NOT_FOUND');
    });

    it('rejects voiding twice', () => {
      given([logged, voided]).when(voidEntry(), ctx).thenFails('ENTRY_ALREADY_VOIDED');
    });

    it('rejects an empty reason', () => {
      given([logged]).when(voidEntry({ reason: '' }), ctx).thenFails('TEXT_REQUIRED', { field: 'reason' });
    });
  });

  describe('evolve', () => {
    it('keeps every entry and whether it is voided, without changing earlier states', () => {
      const before = foldEvents(ledgerDecider, [logged, recorded]);
      const after = ledgerDecider.evolve(before, voided);
      expect(after).toStrictEqual({
        status: 'open',
        unitId: 'lam-binh',
        entries: new Map([
          ['e-1', { kind: 'workdays', on: '2024-07-15', voided: true }],
          ['e-2', { kind: 'contribution', on: '2024-07-20', voided: false }],
        ]),
      });
      expect(before.status === 'open' && before.entries.get('e-1')?.voided).toBe(false);
    });
  });
});
