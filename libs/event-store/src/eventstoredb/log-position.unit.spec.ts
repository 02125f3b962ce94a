import { compareLogPositions, coversPosition, formatLogCheckpoint, isAfter, isKnownPosition, parseLogCheckpoint } from './log-position.js';

describe('EventStoreDB log positions', () => {
  it('keep commit and prepare position in the checkpoint and read them back', () => {
    const position = { commit: 12_345_678_901_234n, prepare: 12_345_678_900_000n };
    expect(formatLogCheckpoint(position)).toBe('12345678901234/12345678900000');
    expect(parseLogCheckpoint(formatLogCheckpoint(position))).toEqual(position);
  });

  it('read no checkpoint as the start of the log and refuse one of another adapter', () => {
    expect(parseLogCheckpoint(undefined)).toBeUndefined();
    expect(parseLogCheckpoint('')).toBeUndefined();
    expect(() => parseLogCheckpoint('812:40')).toThrow(/Not an EventStoreDB log checkpoint/);
  });

  it('order by commit, then prepare position, as $all is', () => {
    expect(compareLogPositions({ commit: 10n, prepare: 10n }, { commit: 20n, prepare: 5n })).toBe(-1);
    expect(compareLogPositions({ commit: 20n, prepare: 7n }, { commit: 20n, prepare: 5n })).toBe(1);
    expect(compareLogPositions({ commit: 20n, prepare: 5n }, { commit: 20n, prepare: 5n })).toBe(0);
    expect(isAfter({ commit: 1n, prepare: 1n }, undefined)).toBe(true);
    expect(isAfter({ commit: 20n, prepare: 5n }, { commit: 20n, prepare: 5n })).toBe(false);
  });

  it('cover a self-committed event exactly', () => {
    const checkpoint = { commit: 500n, prepare: 500n };
    expect(coversPosition(checkpoint, 499n)).toBe(true);
    expect(coversPosition(checkpoint, 500n)).toBe(true);
    expect(coversPosition(checkpoint, 501n)).toBe(false);
    expect(coversPosition(undefined, 0n)).toBe(false);
  });

  it('inside a legacy transaction (commit shared, prepare before it) cover its events only once past it', () => {
    const insideTransaction = { commit: 900n, prepare: 700n };
    expect(coversPosition(insideTransaction, 900n)).toBe(false);
    expect(coversPosition(insideTransaction, 899n)).toBe(true);
    expect(coversPosition({ commit: 950n, prepare: 950n }, 900n)).toBe(true);
  });

  it('tell the "no position" older servers report for stream reads from a real one', () => {
    expect(isKnownPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBe(false);
    expect(isKnownPosition(undefined)).toBe(false);
    expect(isKnownPosition({ commit: 0n, prepare: 0n })).toBe(true);
  });
});
