import { inKeyOrder } from './in-key-order.js';
import { entryKey } from './period-stats-rules.js';

describe('inKeyOrder', () => {
  it('grouped by owner, gives the order of the whole keys (owner, then the rest)', () => {
    const owners = ['p1', 'p1-c2', 'p10', 'p1-c10', 'vn', 'p2'];
    const entries = new Map<string, { unitId: string; entryId: string }>();
    for (let i = 0; i < 500; i++) {
      const unitId = owners[(i * 7) % owners.length]!;
      const entryId = `e${(i * 7919) % 1000}`;
      entries.set(entryKey(unitId, entryId), { unitId, entryId });
    }
    const grouped = [...inKeyOrder(entries, { ownerOf: (e) => e.unitId, restOf: (e) => e.entryId })];
    expect(grouped.map((e) => entryKey(e.unitId, e.entryId))).toEqual([...entries.keys()].sort());
    expect([...inKeyOrder(entries)]).toEqual(grouped);
    expect(grouped[0]).toEqual({ unitId: 'p1', entryId: 'e0' });
  });
});
