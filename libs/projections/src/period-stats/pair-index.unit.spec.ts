import { PairIndex } from './pair-index.js';

describe('PairIndex', () => {
  it('keeps every pair through its growths, as a Map of the same pairs does', () => {
    const index = new PairIndex();
    const reference = new Map<string, number>();
    // Far more pairs than the first table holds, with colliding patterns (same first, same second).
    for (let i = 0; i < 200_000; i++) {
      const first = i % 997;
      const second = (i * 7919) % 1301;
      index.set(first, second, i);
      reference.set(`${first}:${second}`, i);
    }
    const wrong = [...reference].filter(([key, value]) => {
      const [first, second] = key.split(':').map(Number) as [number, number];
      return index.get(first, second) !== value;
    });
    expect(wrong).toEqual([]);
    expect(reference.size).toBeGreaterThan(100_000);
    expect(index.get(997, 0)).toBe(-1);
    expect(index.get(0, 1301)).toBe(-1);
  });

  it('answers -1 for a pair never set, and the last value set for one set twice', () => {
    const index = new PairIndex();
    expect(index.get(0, 0)).toBe(-1);
    index.set(0, 0, 5);
    index.set(0, 0, 7);
    index.set(1, 0, 0);
    expect([index.get(0, 0), index.get(1, 0), index.get(0, 1)]).toEqual([7, 0, -1]);
  });
});
