import { keyRest, MonthSumRows } from './month-sum-rows.js';

const rows = () => new MonthSumRows('rm_subtree_stats', [{ name: 'ancestor_id', type: 'text' }, { name: 'year', type: 'integer' }]);

/** An owner's rows as [key parts, twelve months]. */
function rowsOf(sums: MonthSumRows, owner: string): [readonly string[], number[]][] {
  const found: [readonly string[], number[]][] = [];
  sums.eachRowOf(owner, (restId, months, from) => found.push([sums.restParts(restId), [...months.subarray(from, from + 12)]]));
  return found;
}

describe('MonthSumRows', () => {
  it('keeps every sum across blocks of months, rows read back by owner', () => {
    const sums = rows();
    // Far more rows than the initial array holds: each addition lands once, none is lost to a growth.
    for (let i = 0; i < 20_000; i++) {
      sums.add(`u${i % 7}`, sums.restId(keyRest(2000 + Math.floor(i / 7))), 1 + (i % 12), 1);
      sums.add(`u${i % 7}`, sums.restId(keyRest(2000 + Math.floor(i / 7))), 1 + (i % 12), 0.5);
    }
    const owned = Array.from({ length: 7 }, (_, owner) => rowsOf(sums, `u${owner}`));
    expect(owned.map((list) => list.length)).toEqual([2858, 2857, 2857, 2857, 2857, 2857, 2857]);
    for (const [, months] of owned.flat()) expect(months.reduce((a, b) => a + b, 0)).toBe(1.5);
    expect(rowsOf(sums, 'u')).toEqual([]);
    expect([...new Set([...sums.rowsInKeyOrder()].map((row) => row.owner))]).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
  });

  it('adds twelve months at once from any place in an array, creating the row when needed', () => {
    const sums = rows();
    sums.add('p1', sums.restId(keyRest(2024)), 3, 2);
    const months = Float64Array.from({ length: 14 }, (_, i) => i - 2);
    sums.addMonths('p1', sums.restId(keyRest(2024)), months, 2);
    sums.addMonths('p2', sums.restId(keyRest(2024)), months, 1);
    expect(rowsOf(sums, 'p1')).toEqual([[['2024'], [0, 1, 4, 3, 4, 5, 6, 7, 8, 9, 10, 11]]]);
    expect(rowsOf(sums, 'p2')).toEqual([[['2024'], [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]]);
  });

  it('gives its rows in the order of the primary key: owners, then integers by value and text by code', () => {
    const sums = new MonthSumRows('rm_year_stats', [
      { name: 'unit_id', type: 'text' },
      { name: 'year', type: 'integer' },
      { name: 'path_version', type: 'integer' },
      { name: 'field', type: 'text' },
    ]);
    const came = [
      ['u2', 2024, 0, 'economy'],
      ['u1', 2024, 10, 'culture'],
      ['u1', 2024, 9, 'economy'],
      ['u1', 999, 0, 'economy'],
      ['u1', 2024, 9, 'Zeta'],
      ['u1', 2024, 9, 'culture'],
      ['U1', 2030, 0, 'economy'],
    ] as const;
    for (const [owner, year, pathVersion, field] of came) sums.add(owner, sums.restId(keyRest(year, pathVersion, field)), 1, 1);
    expect([...sums.rowsInKeyOrder()].map((row) => [row.owner, ...row.rest])).toEqual([
      ['U1', '2030', '0', 'economy'],
      ['u1', '999', '0', 'economy'],
      ['u1', '2024', '9', 'Zeta'],
      ['u1', '2024', '9', 'culture'],
      ['u1', '2024', '9', 'economy'],
      ['u1', '2024', '10', 'culture'],
      ['u2', '2024', '0', 'economy'],
    ]);
  });
});
