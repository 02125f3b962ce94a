import { inKeyOrder, inOwnerOrder } from './in-key-order.js';

describe('row order for a COPY', () => {
  const owners = ['p1', 'p1-c2', 'p10', 'p1-c10', 'vn', 'p2'];
  const rows = Array.from({ length: 500 }, (_, i) => ({ unitId: owners[(i * 7) % owners.length]!, entryId: `e${(i * 7919) % 1000}` }));

  it('inKeyOrder sorts by the whole key', () => {
    const byKey = new Map(rows.map((row) => [`${row.unitId}\u0000${row.entryId}`, row]));
    expect([...inKeyOrder(byKey)].map((row) => `${row.unitId}\u0000${row.entryId}`)).toEqual([...byKey.keys()].sort());
  });

  it("inOwnerOrder gives the owners in key order, each with its rows in the order they came", () => {
    const byOwner = new Map<string, Map<string, (typeof rows)[number]>>();
    for (const row of rows) {
      if (!byOwner.has(row.unitId)) byOwner.set(row.unitId, new Map());
      byOwner.get(row.unitId)!.set(row.entryId, row);
    }
    const ordered = [...inOwnerOrder(byOwner)].flatMap(([owner, ledger]) => [...ledger].map(([key, row]) => ({ owner, key, row })));
    expect(ordered.map(({ owner }) => owner)).toEqual(rows.map((row) => row.unitId).sort());
    expect(ordered.every(({ owner, key, row }) => row.unitId === owner && row.entryId === key)).toBe(true);
    const cameFirst = [...byOwner.get('p1-c10')!.values()];
    expect(ordered.filter(({ owner }) => owner === 'p1-c10').map(({ row }) => row)).toEqual(cameFirst);
  });
});
