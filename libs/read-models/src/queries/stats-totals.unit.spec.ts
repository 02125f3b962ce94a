import { emptyTotals, totalsByField, totalsOf } from './stats-totals.js';

describe('stats totals', () => {
  it('start with every metric, form and contribution at 0', () => {
    const totals = emptyTotals();
    expect(Object.keys(totals)).toEqual([
      'modelsRegistered', 'modelsRegisteredCollective', 'modelsRegisteredIndividual', 'modelsRecognized',
      'modelsExemplary', 'modelsWithdrawn', 'awardsGranted', 'awardsGrantedCollective', 'awardsGrantedIndividual',
      'awardsRevoked', 'workdays', 'awardsByForm', 'contributions',
    ]);
    expect(Object.values(totals.awardsByForm).every((v) => v === 0)).toBe(true);
    expect(Object.keys(totals.awardsByForm)).toHaveLength(6);
    expect(Object.keys(totals.contributions)).toHaveLength(16);
  });

  it('given metric sums, when folded, then each feeds its leaf and its roll-ups', () => {
    const totals = totalsOf([
      { metric: 'models_registered:collective', value: '2' },
      { metric: 'models_registered:individual', value: '3' },
      { metric: 'models_recognized', value: '4' },
      { metric: 'models_exemplary', value: '1' },
      { metric: 'models_withdrawn', value: '1' },
      { metric: 'awards_granted:bang_khen:collective', value: '1' },
      { metric: 'awards_granted:bang_khen:individual', value: '2' },
      { metric: 'awards_granted:giay_khen:individual', value: '5' },
      { metric: 'awards_revoked', value: '1' },
      { metric: 'workdays', value: '12.5' },
      { metric: 'contribution:road_km', value: '0.30' },
      { metric: 'contribution:funds_vnd', value: '2500000000000' },
    ]);
    expect(totals).toMatchObject({
      modelsRegistered: 5,
      modelsRegisteredCollective: 2,
      modelsRegisteredIndividual: 3,
      modelsRecognized: 4,
      modelsExemplary: 1,
      modelsWithdrawn: 1,
      awardsGranted: 8,
      awardsGrantedCollective: 1,
      awardsGrantedIndividual: 7,
      awardsRevoked: 1,
      workdays: 12.5,
    });
    expect(totals.awardsByForm).toMatchObject({ bang_khen: 3, giay_khen: 5, other: 0 });
    expect(totals.contributions).toMatchObject({ road_km: 0.3, funds_vnd: 2500000000000, classrooms: 0 });
  });

  it('keeps codes the catalogues do not know and ignores unknown metric keys', () => {
    const totals = totalsOf([
      { metric: 'awards_granted:huan_chuong:individual', value: '1' },
      { metric: 'contribution:wells', value: '3' },
      { metric: 'something_new', value: '9' },
    ]);
    expect(totals.awardsGranted).toBe(1);
    expect(totals.awardsByForm['huan_chuong']).toBe(1);
    expect(totals.contributions['wells']).toBe(3);
  });

  it('breaks down by every statistics field, unclassified last, extra fields before it', () => {
    const byField = totalsByField([
      { field: 'digital_transformation', metric: 'models_registered:collective', value: '1' },
      { field: 'unclassified', metric: 'workdays', value: '2' },
    ]);
    expect(Object.keys(byField)).toEqual([
      'economy', 'culture_society', 'defense_security', 'political_system', 'new_rural', 'other',
      'digital_transformation', 'unclassified',
    ]);
    expect(byField['digital_transformation']?.modelsRegistered).toBe(1);
    expect(byField['unclassified']?.workdays).toBe(2);
    expect(byField['economy']).toEqual(emptyTotals());
  });
});
