import { foldEvents } from '../decider.js';
import { DeciderSpecification } from '../testing/decider-spec.js';
import type { GrantAward, RevokeAward } from './award.commands.js';
import { awardDecider, awardUniquenessKey, isAwardInForce, type AwardContext } from './award.decider.js';
import type { AwardGranted, AwardRevoked } from './award.events.js';

const given = DeciderSpecification.for(awardDecider);
const today = '2024-12-31';
const ctx: AwardContext = {
  today,
  recipientUnit: { unitId: 'lam-binh', status: 'active' },
  issuerUnit: { unitId: 'tuyen-quang', status: 'active' },
  model: { modelId: 'm-1', status: 'recognized', field: 'economy', unitId: 'lam-binh' },
};

const grant = (data: Partial<GrantAward['data']> = {}): GrantAward => ({
  type: 'GrantAward',
  data: {
    awardId: 'a-1',
    recipientKind: 'individual',
    recipientName: 'Nguyễn Văn An',
    recipientUnitId: 'lam-binh',
    form: 'bang_khen',
    issuerUnitId: 'tuyen-quang',
    decisionNo: '1290/QĐ-UBND',
    decidedOn: '2024-05-19',
    movement: 'dan_van_kheo',
    ...data,
  },
});
const revoke = (data: Partial<RevokeAward['data']> = {}): RevokeAward => ({
  type: 'RevokeAward',
  data: { awardId: 'a-1', revokedOn: '2024-09-01', decisionNo: '88/QĐ-UBND', reason: 'Khai man thành tích', ...data },
});
const granted: AwardGranted = {
  type: 'AwardGranted',
  data: {
    awardId: 'a-1',
    recipientKind: 'individual',
    recipientName: 'Nguyễn Văn An',
    recipientUnitId: 'lam-binh',
    form: 'bang_khen',
    issuerUnitId: 'tuyen-quang',
    decisionNo: '1290/QĐ-UBND',
    decidedOn: '2024-05-19',
    movement: 'dan_van_kheo',
  },
};
const revoked: AwardRevoked = {
  type: 'AwardRevoked',
  data: { awardId: 'a-1', revokedOn: '2024-09-01', decisionNo: '88/QĐ-UBND', reason: 'Khai man thành tích' },
};

describe('award decider', () => {
  describe('GrantAward', () => {
    it('grants an award without a model (modelId omitted)', () => {
      given([]).when(grant(), ctx).then([granted]);
      given([]).when(grant({ modelId: null }), ctx).then([granted]);
    });

    it('grants an award for a model', () => {
      given([]).when(grant({ modelId: 'm-1' }), ctx).then([{ ...granted, data: { ...granted.data, modelId: 'm-1' } }]);
    });

    it('stores names and decision numbers NFC, trimmed', () => {
      given([])
        .when(grant({ recipientName: ' Nguyễn Văn An '.normalize('NFD'), decisionNo: '1290/QĐ-UBND '.normalize('NFD') }), ctx)
        .then([granted]);
    });

    it('accepts an issuer that has since merged (a decision taken before the merge)', () => {
      given([])
        .when(grant(), { ...ctx, issuerUnit: { unitId: 'tuyen-quang', status: 'merged', mergedInto: 'x' } })
        .then([granted]);
    });

    it('rejects an invalid id', () => {
      given([]).when(grant({ awardId: '' }), ctx).thenFails('ID_INVALID', { field: 'awardId' });
    });

    it('rejects a second grant with the same id (conflict)', () => {
      given([granted]).when(grant(), ctx).thenFails('AWARD_ALREADY_EXISTS', { kind: 'conflict' });
    });

    it('rejects an unknown recipient kind', () => {
      given([]).when(grant({ recipientKind: 'team' }), ctx).thenFails('RECIPIENT_KIND_INVALID', { field: 'recipientKind' });
    });

    it('rejects an empty recipient name', () => {
      given([]).when(grant({ recipientName: ' ' }), ctx).thenFails('TEXT_REQUIRED', { field: 'recipientName' });
    });

    it('rejects a missing recipient unit', () => {
      const { recipientUnit: _, ...rest } = ctx;
      given([]).when(grant(), rest).thenFails('UNIT_NOT_FOUND', { field: 'recipientUnitId', kind: 'not_found' });
    });

    it('rejects a merged recipient unit', () => {
      given([])
        .when(grant(), { ...ctx, recipientUnit: { unitId: 'lam-binh', status: 'merged', mergedInto: 'tuyen-quang' } })
        .thenFails('UNIT_MERGED', { field: 'recipientUnitId' });
    });

    it('rejects an unknown form', () => {
      given([]).when(grant({ form: 'huan_chuong' }), ctx).thenFails('AWARD_FORM_UNKNOWN', { field: 'form' });
    });

    it('rejects a missing issuer unit', () => {
      const { issuerUnit: _, ...rest } = ctx;
      given([]).when(grant(), rest).thenFails('UNIT_NOT_FOUND', { field: 'issuerUnitId' });
    });

    it('rejects an empty decision number', () => {
      given([]).when(grant({ decisionNo: '' }), ctx).thenFails('TEXT_REQUIRED', { field: 'decisionNo' });
    });

    it('rejects a future or impossible decision date', () => {
      given([]).when(grant({ decidedOn: '2025-01-01' }), ctx).thenFails('DATE_IN_FUTURE', { field: 'decidedOn' });
      given([]).when(grant({ decidedOn: '2024-04-31' }), ctx).thenFails('DATE_INVALID', { field: 'decidedOn' });
    });

    it('rejects an unknown movement', () => {
      given([]).when(grant({ movement: 'other' }), ctx).thenFails('MOVEMENT_UNKNOWN', { field: 'movement' });
    });

    it('rejects a missing model', () => {
      given([])
        .when(grant({ modelId: 'm-2' }), { ...ctx, model: undefined })
        .thenFails('MODEL_NOT_FOUND', { field: 'modelId', kind: 'not_found' });
    });
  });

  describe('RevokeAward', () => {
    it('revokes a granted award', () => {
      given([granted]).when(revoke(), ctx).then([revoked]);
    });

    it('revokes on the decision day', () => {
      given([granted])
        .when(revoke({ revokedOn: '2024-05-19' }), ctx)
        .then([{ ...revoked, data: { ...revoked.data, revokedOn: '2024-05-19' } }]);
    });

    it('rejects an unknown award', () => {
      given([]).when(revoke(), ctx).thenFails('AWARD_NOT_FOUND', { kind: 'not_found' });
    });

    it('rejects a second revocation', () => {
      given([granted, revoked]).when(revoke(), ctx).thenFails('AWARD_ALREADY_REVOKED');
    });

    it('rejects a revocation before the decision', () => {
      given([granted])
        .when(revoke({ revokedOn: '2024-05-18' }), ctx)
        .thenFails('REVOCATION_BEFORE_DECISION', { field: 'revokedOn' });
    });

    it('rejects a future revocation', () => {
      given([granted]).when(revoke({ revokedOn: '2025-01-01' }), ctx).thenFails('DATE_IN_FUTURE');
    });

    it('rejects an empty reason or decision number', () => {
      given([granted]).when(revoke({ reason: '' }), ctx).thenFails('TEXT_REQUIRED', { field: 'reason' });
      given([granted]).when(revoke({ decisionNo: ' ' }), ctx).thenFails('TEXT_REQUIRED', { field: 'decisionNo' });
    });
  });

  describe('awardUniquenessKey', () => {
    const key = awardUniquenessKey(granted.data);

    it('is the same for the same recipient, form and decision, however the text is written', () => {
      expect(
        awardUniquenessKey({
          ...granted.data,
          recipientName: '  nguyễn   văn an '.normalize('NFD'),
          decisionNo: ' 1290/qđ-ubnd ',
        }),
      ).toBe(key);
    });

    it('differs when any part of the identity differs', () => {
      const variants = [
        { recipientKind: 'collective' },
        { recipientName: 'Nguyễn Văn Bình' },
        { recipientUnitId: 'na-hang' },
        { form: 'giay_khen' },
        { decisionNo: '1291/QĐ-UBND' },
        { issuerUnitId: 'qk2' },
        { decidedOn: '2025-05-19' },
      ];
      for (const variant of variants) {
        expect(awardUniquenessKey({ ...granted.data, ...variant })).not.toBe(key);
      }
    });

    it('cannot be forged by separators inside a field', () => {
      expect(awardUniquenessKey({ ...granted.data, recipientName: 'a","b' })).not.toBe(
        awardUniquenessKey({ ...granted.data, recipientName: 'a', recipientUnitId: 'b' }),
      );
    });
  });

  describe('evolve and in-force', () => {
    it('is in force from its decision until its revocation', () => {
      const grantedState = foldEvents(awardDecider, [granted]);
      const revokedState = foldEvents(awardDecider, [granted, revoked]);
      expect(revokedState).toMatchObject({ status: 'revoked', revokedOn: '2024-09-01', decisionNo: '1290/QĐ-UBND' });
      expect(isAwardInForce(awardDecider.initialState, '2024-06-01')).toBe(false);
      expect(isAwardInForce(grantedState, '2024-05-18')).toBe(false);
      expect(isAwardInForce(grantedState, '2024-05-19')).toBe(true);
      expect(isAwardInForce(revokedState, '2024-08-31')).toBe(true);
      expect(isAwardInForce(revokedState, '2024-09-01')).toBe(false);
    });
  });
});
