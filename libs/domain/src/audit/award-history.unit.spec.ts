import { isInForceOn, UnitTreeReplay } from './award-history.js';

describe('isInForceOn', () => {
  it('counts an award from its decision date until the day before its revocation date', () => {
    expect(isInForceOn('2024-06-30', '2024-07-01', undefined)).toBe(false);
    expect(isInForceOn('2024-07-01', '2024-07-01', undefined)).toBe(true);
    expect(isInForceOn('2024-08-31', '2024-07-01', '2024-09-01')).toBe(true);
    expect(isInForceOn('2024-09-01', '2024-07-01', '2024-09-01')).toBe(false);
  });
});

describe('UnitTreeReplay', () => {
  const tree = new UnitTreeReplay();
  tree.apply({ type: 'UnitRegistered', data: { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region', parentId: null } });
  tree.apply({ type: 'UnitRegistered', data: { unitId: 'ha-giang', name: 'Hà Giang', kind: 'province', parentId: 'qk2' } });
  tree.apply({ type: 'UnitRegistered', data: { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', parentId: null } });
  tree.apply({ type: 'UnitRegistered', data: { unitId: 'meo-vac', name: 'Mèo Vạc', kind: 'commune', parentId: 'ha-giang' } });

  it('places a unit under its ancestors and not elsewhere', () => {
    expect(tree.isInSubtree('qk2', 'meo-vac')).toBe(true);
    expect(tree.isInSubtree('qk2', 'qk2')).toBe(true);
    expect(tree.isInSubtree('tuyen-quang', 'meo-vac')).toBe(false);
    expect(tree.isInSubtree('qk2', 'unknown')).toBe(false);
  });

  it('follows a merge: the merged unit and its children count under the unit it merged into', () => {
    const merged = new UnitTreeReplay();
    for (const unitId of ['qk2', 'ha-giang', 'tuyen-quang', 'meo-vac']) {
      merged.apply({ type: 'UnitRegistered', data: { unitId, name: unitId, kind: 'province', parentId: unitId === 'meo-vac' ? 'ha-giang' : null } });
    }
    merged.apply({ type: 'UnitMerged', data: { unitId: 'ha-giang', intoUnitId: 'tuyen-quang', effectiveOn: '2025-07-01' } });
    expect(merged.isInSubtree('tuyen-quang', 'meo-vac')).toBe(true);
    expect(merged.isInSubtree('tuyen-quang', 'ha-giang')).toBe(true);
  });
});
