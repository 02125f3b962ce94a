import { FactKeyIds } from './fact-key-ids.js';
import { keyRest, MonthSumRows } from './month-sum-rows.js';

describe('FactKeyIds', () => {
  const tables = () => {
    const own = new MonthSumRows('own', [{ name: 'unit_id', type: 'text' }]);
    return { own, ids: new FactKeyIds(own) };
  };

  it("answers the table's own key ids, one per distinct key, whatever the string objects", () => {
    const { own, ids } = tables();
    const facts: [number, number, string, string][] = [
      [2023, 0, 'unclassified', 'workdays'],
      [2023, 1, 'unclassified', 'workdays'],
      [2024, 0, 'unclassified', 'workdays'],
      [2023, 0, 'social', 'workdays'],
      [2023, 0, 'unclassified', `contribution:${'km'}`],
      [2023, 0, 'unclassified', `contribution:${'houses'}`],
    ];
    for (const [year, pathVersion, field, metric] of [...facts, ...facts]) {
      // Fresh strings each time, as parsed events bring them.
      const freshField = [...field].join('');
      const freshMetric = [...metric].join('');
      expect(ids.ownId(year, pathVersion, freshField, freshMetric)).toBe(own.restId(keyRest(year, pathVersion, field, metric)));
    }
    const distinctOwn = new Set(facts.map(([year, pathVersion, field, metric]) => ids.ownId(year, pathVersion, field, metric)));
    expect(distinctOwn.size).toBe(6);
  });

  it('keeps path versions past what the numbered keys hold apart', () => {
    const { own, ids } = tables();
    const high = ids.ownId(2023, 1 << 16, 'unclassified', 'workdays');
    expect(high).toBe(own.restId(keyRest(2023, 1 << 16, 'unclassified', 'workdays')));
    expect(high).not.toBe(ids.ownId(2024, 0, 'unclassified', 'workdays'));
  });
});
