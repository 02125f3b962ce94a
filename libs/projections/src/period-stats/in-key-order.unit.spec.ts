import { inKeyOrder } from './in-key-order.js';
import { entryKey } from './period-stats-rules.js';

describe('inKeyOrder', () => {
  const owners = ['p1', 'p1-c2', 'p10', 'p1-c10', 'vn', 'p2'];
  const entries = new Map<string, { unitId: string; entryId: string }>();
  for (let i = 0; i < 500; i++) {
    const unitId = owners[(i * 7) % owners.length]!;
    const entryId = `e${(i * 7919) % 1000}`;
    entries.set(entryKey(unitId, entryId), { unitId, entryId });
  }

  it('sorts by the whole key', () => {
    expect([...inKeyOrder(entries)].map((e) => entryKey(e.unitId, e.entryId))).toEqual([...entries.keys()].sort());
  });

  it('grouped by owner: the owners in key order, each one\'s rows together in the order they came', () => {
    const grouped = [...inKeyOrder(entries, (e) => e.unitId)];
    expect(grouped.map((e) => e.unitId)).toEqual([...entries.values()].map((e) => e.unitId).sort());
    const cameFirst = (unitId: string) => [...entries.values()].filter((e) => e.unitId === unitId);
    expect(grouped.filter((e) => e.unitId === 'p1-c10')).toEqual(cameFirst('p1-c10'));
    expect(grouped).toHaveLength(entries.size);
  });
});
