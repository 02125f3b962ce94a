import { foldEvents } from '../decider.js';
import { DeciderSpecification } from '../testing/decider-spec.js';
import type { RecognizeModel, RegisterModel, WithdrawModel } from './model.commands.js';
import { modelDecider, summarizeModel, type ModelContext } from './model.decider.js';
import type { ModelRecognized, ModelRegistered, ModelWithdrawn } from './model.events.js';

const given = DeciderSpecification.for(modelDecider);
const today = '2024-06-30';
const unit = { unitId: 'lam-binh', status: 'active' } as const;
const byUnit = { unitId: 'tuyen-quang', status: 'active' } as const;
const ctx: ModelContext = { today, unit, byUnit };

const register = (data: Partial<RegisterModel['data']> = {}): RegisterModel => ({
  type: 'RegisterModel',
  data: {
    modelId: 'm-1',
    unitId: 'lam-binh',
    title: 'Dân vận khéo trong xây dựng nông thôn mới',
    field: 'new_rural',
    holderKind: 'collective',
    holderName: 'Hội Nông dân xã Thượng Lâm',
    registeredOn: '2024-01-15',
    ...data,
  },
});
const recognize = (data: Partial<RecognizeModel['data']> = {}): RecognizeModel => ({
  type: 'RecognizeModel',
  data: { modelId: 'm-1', level: 'recognized', recognizedOn: '2024-03-01', byUnitId: 'tuyen-quang', ...data },
});
const withdraw = (data: Partial<WithdrawModel['data']> = {}): WithdrawModel => ({
  type: 'WithdrawModel',
  data: { modelId: 'm-1', withdrawnOn: '2024-06-01', reason: 'Không còn duy trì', ...data },
});

const registered: ModelRegistered = {
  type: 'ModelRegistered',
  data: {
    modelId: 'm-1',
    unitId: 'lam-binh',
    title: 'Dân vận khéo trong xây dựng nông thôn mới',
    field: 'new_rural',
    holderKind: 'collective',
    holderName: 'Hội Nông dân xã Thượng Lâm',
    registeredOn: '2024-01-15',
  },
};
const recognized: ModelRecognized = {
  type: 'ModelRecognized',
  data: { modelId: 'm-1', level: 'recognized', recognizedOn: '2024-03-01', byUnitId: 'tuyen-quang' },
};
const exemplary: ModelRecognized = {
  type: 'ModelRecognized',
  data: { modelId: 'm-1', level: 'exemplary', recognizedOn: '2024-05-01', byUnitId: 'tuyen-quang' },
};
const withdrawn: ModelWithdrawn = {
  type: 'ModelWithdrawn',
  data: { modelId: 'm-1', withdrawnOn: '2024-06-01', reason: 'Không còn duy trì' },
};

describe('model decider', () => {
  describe('RegisterModel', () => {
    it('registers a model', () => {
      given([]).when(register(), ctx).then([registered]);
    });

    it('registers on today', () => {
      given([])
        .when(register({ registeredOn: today }), ctx)
        .then([{ ...registered, data: { ...registered.data, registeredOn: today } }]);
    });

    it('stores text NFC-normalised and trimmed', () => {
      given([])
        .when(
          register({
            title: ` ${registered.data.title.normalize('NFD')}\n`,
            holderName: registered.data.holderName.normalize('NFD'),
          }),
          ctx,
        )
        .then([registered]);
    });

    it('accepts a field added by a phase when the context carries the catalogue', () => {
      const fields = [{ code: 'digital_transformation', label: 'Chuyển đổi số' }];
      given([])
        .when(register({ field: 'digital_transformation' }), { ...ctx, modelFields: fields })
        .then([{ ...registered, data: { ...registered.data, field: 'digital_transformation' } }]);
    });

    it('rejects an invalid id', () => {
      given([]).when(register({ modelId: 'M 1' }), ctx).thenFails('ID_INVALID', { field: 'modelId' });
    });

    it('rejects a second registration (conflict)', () => {
      given([registered]).when(register(), ctx).thenFails('MODEL_ALREADY_EXISTS', { kind: 'conflict' });
    });

    it('rejects a missing unit (not found)', () => {
      given([])
        .when(register(), { today })
        .thenFails('UNIT_NOT_FOUND', { field: 'unitId', kind: 'not_found' });
    });

    it('rejects a merged unit', () => {
      given([])
        .when(register(), { today, unit: { unitId: 'lam-binh', status: 'merged', mergedInto: 'tuyen-quang' } })
        .thenFails('UNIT_MERGED', { field: 'unitId', kind: 'rule' });
    });

    it('rejects an empty title and holder name', () => {
      given([]).when(register({ title: '  ' }), ctx).thenFails('TEXT_REQUIRED', { field: 'title' });
      given([]).when(register({ holderName: '' }), ctx).thenFails('TEXT_REQUIRED', { field: 'holderName' });
    });

    it.each(['agriculture', 'unclassified', 'Economy'])('rejects the field %j', (field) => {
      given([]).when(register({ field }), ctx).thenFails('MODEL_FIELD_UNKNOWN', { field: 'field' });
    });

    it('rejects a holder kind other than collective or individual', () => {
      given([]).when(register({ holderKind: 'group' }), ctx).thenFails('HOLDER_KIND_INVALID', { field: 'holderKind' });
    });

    it('rejects a future or impossible registration date', () => {
      given([]).when(register({ registeredOn: '2024-07-01' }), ctx).thenFails('DATE_IN_FUTURE');
      given([]).when(register({ registeredOn: '2024-02-30' }), ctx).thenFails('DATE_INVALID');
    });
  });

  describe('RecognizeModel', () => {
    it('recognizes a registered model', () => {
      given([registered]).when(recognize(), ctx).then([recognized]);
    });

    it('recognizes on the registration day, keeping a decision number', () => {
      given([registered])
        .when(recognize({ recognizedOn: '2024-01-15', decisionNo: ' 12/QĐ-UBND '.normalize('NFD') }), ctx)
        .then([
          { ...recognized, data: { ...recognized.data, recognizedOn: '2024-01-15', decisionNo: '12/QĐ-UBND' } },
        ]);
    });

    it('makes a recognized model exemplary', () => {
      given([registered, recognized])
        .when(recognize({ level: 'exemplary', recognizedOn: '2024-05-01' }), ctx)
        .then([exemplary]);
    });

    it('accepts a recognising unit that has since merged', () => {
      given([registered])
        .when(recognize(), { ...ctx, byUnit: { unitId: 'tuyen-quang', status: 'merged', mergedInto: 'x' } })
        .then([recognized]);
    });

    it('rejects an unknown model (not found)', () => {
      given([]).when(recognize(), ctx).thenFails('MODEL_NOT_FOUND', { kind: 'not_found' });
    });

    it('rejects a withdrawn model', () => {
      given([registered, withdrawn]).when(recognize({ recognizedOn: '2024-06-02' }), ctx).thenFails('MODEL_WITHDRAWN');
    });

    it('rejects an unknown level', () => {
      given([registered]).when(recognize({ level: 'gold' }), ctx).thenFails('RECOGNITION_LEVEL_INVALID', { field: 'level' });
    });

    it('rejects recognizing twice', () => {
      given([registered, recognized]).when(recognize({ recognizedOn: '2024-04-01' }), ctx).thenFails('MODEL_ALREADY_RECOGNIZED');
    });

    it('rejects recognizing an exemplary model', () => {
      given([registered, recognized, exemplary])
        .when(recognize({ recognizedOn: '2024-06-01' }), ctx)
        .thenFails('MODEL_ALREADY_RECOGNIZED');
    });

    it('rejects exemplary before recognized', () => {
      given([registered]).when(recognize({ level: 'exemplary' }), ctx).thenFails('MODEL_NOT_YET_RECOGNIZED');
    });

    it('rejects exemplary twice', () => {
      given([registered, recognized, exemplary])
        .when(recognize({ level: 'exemplary', recognizedOn: '2024-06-01' }), ctx)
        .thenFails('MODEL_ALREADY_EXEMPLARY');
    });

    it('rejects a date before the registration', () => {
      given([registered])
        .when(recognize({ recognizedOn: '2024-01-14' }), ctx)
        .thenFails('DATE_BEFORE_REGISTRATION', { field: 'recognizedOn' });
    });

    it('rejects exemplary dated before the recognition', () => {
      given([registered, recognized])
        .when(recognize({ level: 'exemplary', recognizedOn: '2024-02-28' }), ctx)
        .thenFails('DATE_OUT_OF_ORDER', { field: 'recognizedOn' });
    });

    it('rejects a future date', () => {
      given([registered]).when(recognize({ recognizedOn: '2024-07-01' }), ctx).thenFails('DATE_IN_FUTURE');
    });

    it('rejects a missing recognising unit', () => {
      given([registered])
        .when(recognize(), { today, unit })
        .thenFails('UNIT_NOT_FOUND', { field: 'byUnitId', kind: 'not_found' });
    });
  });

  describe('WithdrawModel', () => {
    it('withdraws a registered, recognized or exemplary model', () => {
      given([registered]).when(withdraw(), ctx).then([withdrawn]);
      given([registered, recognized]).when(withdraw(), ctx).then([withdrawn]);
      given([registered, recognized, exemplary]).when(withdraw(), ctx).then([withdrawn]);
    });

    it('withdraws on the day of the last recognition', () => {
      given([registered, recognized, exemplary])
        .when(withdraw({ withdrawnOn: '2024-05-01' }), ctx)
        .then([{ ...withdrawn, data: { ...withdrawn.data, withdrawnOn: '2024-05-01' } }]);
    });

    it('rejects an unknown model', () => {
      given([]).when(withdraw(), ctx).thenFails('MODEL_NOT_FOUND', { kind: 'not_found' });
    });

    it('rejects withdrawing twice', () => {
      given([registered, withdrawn]).when(withdraw(), ctx).thenFails('MODEL_ALREADY_WITHDRAWN');
    });

    it('rejects a date before the registration', () => {
      given([registered])
        .when(withdraw({ withdrawnOn: '2023-12-31' }), ctx)
        .thenFails('DATE_BEFORE_REGISTRATION', { field: 'withdrawnOn' });
    });

    it('rejects a date before the last recognition', () => {
      given([registered, recognized, exemplary])
        .when(withdraw({ withdrawnOn: '2024-04-30' }), ctx)
        .thenFails('DATE_OUT_OF_ORDER', { field: 'withdrawnOn' });
    });

    it('rejects a future date', () => {
      given([registered]).when(withdraw({ withdrawnOn: '2024-07-01' }), ctx).thenFails('DATE_IN_FUTURE');
    });

    it('rejects an empty reason', () => {
      given([registered]).when(withdraw({ reason: ' ' }), ctx).thenFails('TEXT_REQUIRED', { field: 'reason' });
    });
  });

  describe('evolve and summary', () => {
    it('follows registered -> recognized -> exemplary -> withdrawn', () => {
      expect(summarizeModel(modelDecider.initialState)).toBeUndefined();
      const statuses = [[registered], [registered, recognized], [registered, recognized, exemplary]].map(
        (events) => summarizeModel(foldEvents(modelDecider, events))?.status,
      );
      expect(statuses).toStrictEqual(['registered', 'recognized', 'exemplary']);
      const state = foldEvents(modelDecider, [registered, recognized, exemplary, withdrawn]);
      expect(state).toMatchObject({ status: 'withdrawn', levelAtWithdrawal: 'exemplary', withdrawnOn: '2024-06-01' });
      expect(summarizeModel(state)).toStrictEqual({
        modelId: 'm-1',
        status: 'withdrawn',
        field: 'new_rural',
        unitId: 'lam-binh',
      });
    });
  });
});
