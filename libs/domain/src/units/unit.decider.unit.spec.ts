import { DeciderSpecification } from '../testing/decider-spec.js';
import type { MergeUnit, RegisterUnit } from './unit.commands.js';
import { summarizeUnit, unitDecider, type UnitContext } from './unit.decider.js';
import type { UnitMerged, UnitRegistered } from './unit.events.js';
import { foldEvents } from '../decider.js';

const given = DeciderSpecification.for(unitDecider);
const today = '2025-07-01';
const ctx: UnitContext = { today };

const register = (data: Partial<RegisterUnit['data']> = {}): RegisterUnit => ({
  type: 'RegisterUnit',
  data: { unitId: 'lam-binh', name: 'Huyện Lâm Bình', kind: 'district', parentId: 'tuyen-quang', ...data },
});
const merge = (data: Partial<MergeUnit['data']> = {}): MergeUnit => ({
  type: 'MergeUnit',
  data: { unitId: 'lam-binh', intoUnitId: 'tuyen-quang', effectiveOn: '2025-07-01', ...data },
});
const registered: UnitRegistered = {
  type: 'UnitRegistered',
  data: { unitId: 'lam-binh', name: 'Huyện Lâm Bình', kind: 'district', parentId: 'tuyen-quang' },
};
const merged: UnitMerged = {
  type: 'UnitMerged',
  data: { unitId: 'lam-binh', intoUnitId: 'tuyen-quang', effectiveOn: '2025-07-01' },
};
const parentActive: UnitContext = { today, parent: { unitId: 'tuyen-quang', status: 'active' } };
const targetActive: UnitContext = {
  today,
  target: { unitId: 'tuyen-quang', status: 'active' },
  targetAncestorIds: ['qk2'],
};

describe('unit decider', () => {
  describe('RegisterUnit', () => {
    it('registers a unit under an active parent', () => {
      given([]).when(register(), parentActive).then([registered]);
    });

    it('registers a root unit (parentId omitted or null)', () => {
      const root = { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' } as const;
      const event: UnitRegistered = { type: 'UnitRegistered', data: { ...root, parentId: null } };
      given([]).when({ type: 'RegisterUnit', data: root }, ctx).then([event]);
      given([]).when({ type: 'RegisterUnit', data: { ...root, parentId: null } }, ctx).then([event]);
    });

    it('stores the name NFC-normalised and trimmed', () => {
      const decomposed = '  Huyện Lâm Bình '.normalize('NFD');
      given([]).when(register({ name: decomposed }), parentActive).then([registered]);
    });

    it.each(['A', 'x', '-abc', 'ab_c', 'Lam-binh', 'a'.repeat(65), ''])(
      'rejects the invalid id %j',
      (unitId) => {
        given([]).when(register({ unitId }), parentActive).thenFails('UNIT_ID_INVALID', {
          field: 'unitId',
          kind: 'rule',
        });
      },
    );

    it('rejects a second registration (conflict)', () => {
      given([registered]).when(register(), parentActive).thenFails('UNIT_ALREADY_EXISTS', { kind: 'conflict' });
    });

    it('rejects an empty name', () => {
      given([]).when(register({ name: ' \t ' }), parentActive).thenFails('TEXT_REQUIRED', { field: 'name' });
    });

    it('rejects a too long name', () => {
      given([]).when(register({ name: 'x'.repeat(501) }), parentActive).thenFails('TEXT_TOO_LONG', { field: 'name' });
    });

    it('rejects a kind outside the catalogue', () => {
      given([]).when(register({ kind: 'county' }), parentActive).thenFails('UNIT_KIND_UNKNOWN', { field: 'kind' });
    });

    it('rejects a missing parent (not found)', () => {
      given([]).when(register(), ctx).thenFails('PARENT_UNIT_NOT_FOUND', {
        field: 'parentId',
        kind: 'not_found',
      });
    });

    it('rejects a merged parent', () => {
      given([])
        .when(register(), { today, parent: { unitId: 'tuyen-quang', status: 'merged', mergedInto: 'x' } })
        .thenFails('UNIT_MERGED', { field: 'parentId' });
    });

    it('refuses a context about another unit (a programming error, not a DomainError)', () => {
      expect(() =>
        unitDecider.decide(register(), unitDecider.initialState, {
          today,
          parent: { unitId: 'ha-giang', status: 'active' },
        }),
      ).toThrow(/Context mismatch/);
    });
  });

  describe('MergeUnit', () => {
    it('merges an active unit into an active target', () => {
      given([registered]).when(merge(), targetActive).then([merged]);
    });

    it('keeps the decision number, NFC and trimmed', () => {
      given([registered])
        .when(merge({ decisionNo: ' 202/2025/QH15 ' }), targetActive)
        .then([{ ...merged, data: { ...merged.data, decisionNo: '202/2025/QH15' } }]);
    });

    it('omits a blank decision number', () => {
      given([registered]).when(merge({ decisionNo: '  ' }), targetActive).then([merged]);
      given([registered]).when(merge({ decisionNo: null }), targetActive).then([merged]);
    });

    it('rejects an unknown unit', () => {
      given([]).when(merge(), targetActive).thenFails('UNIT_NOT_FOUND', { kind: 'not_found' });
    });

    it('rejects a unit already merged', () => {
      given([registered, merged]).when(merge(), targetActive).thenFails('UNIT_ALREADY_MERGED');
    });

    it('rejects merging into itself', () => {
      given([registered])
        .when(merge({ intoUnitId: 'lam-binh' }), { today, target: { unitId: 'lam-binh', status: 'active' } })
        .thenFails('UNIT_MERGE_INTO_SELF', { field: 'intoUnitId' });
    });

    it('rejects a missing target', () => {
      given([registered]).when(merge(), ctx).thenFails('UNIT_NOT_FOUND', { field: 'intoUnitId' });
    });

    it('rejects a merged target', () => {
      given([registered])
        .when(merge(), { today, target: { unitId: 'tuyen-quang', status: 'merged', mergedInto: 'ha-giang' } })
        .thenFails('UNIT_MERGED', { field: 'intoUnitId' });
    });

    it('rejects a target inside the merged unit subtree (cycle)', () => {
      given([registered])
        .when(merge({ intoUnitId: 'thuong-lam' }), {
          today,
          target: { unitId: 'thuong-lam', status: 'active' },
          targetAncestorIds: ['lam-binh', 'tuyen-quang', 'qk2'],
        })
        .thenFails('UNIT_MERGE_CYCLE', { field: 'intoUnitId' });
    });

    it('rejects a future effective date', () => {
      given([registered])
        .when(merge({ effectiveOn: '2025-07-02' }), targetActive)
        .thenFails('DATE_IN_FUTURE', { field: 'effectiveOn' });
    });

    it('rejects an impossible date', () => {
      given([registered])
        .when(merge({ effectiveOn: '2025-02-29' }), targetActive)
        .thenFails('DATE_INVALID', { field: 'effectiveOn' });
    });
  });

  describe('evolve and summary', () => {
    it('none -> active -> merged', () => {
      expect(summarizeUnit(unitDecider.initialState)).toBeUndefined();
      expect(summarizeUnit(foldEvents(unitDecider, [registered]))).toStrictEqual({
        unitId: 'lam-binh',
        status: 'active',
      });
      const state = foldEvents(unitDecider, [registered, merged]);
      expect(state).toMatchObject({ status: 'merged', intoUnitId: 'tuyen-quang', name: 'Huyện Lâm Bình' });
      expect(summarizeUnit(state)).toStrictEqual({
        unitId: 'lam-binh',
        status: 'merged',
        mergedInto: 'tuyen-quang',
      });
    });
  });
});
