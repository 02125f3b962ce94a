import { roundedSum, toNumericText } from './stats-accumulator.js';

describe('toNumericText', () => {
  it('writes whole sums as they are and rounds the binary noise off fractional ones', () => {
    expect([0, -0, 3, -2, 2 ** 40].map(toNumericText)).toEqual(['0', '0', '3', '-2', '1099511627776']);
    expect([0.1 + 0.2, 12.5, -0.7 - 0.1, 1e-7, 1234567.123456789].map(toNumericText)).toEqual(['0.3', '12.5', '-0.8', '0', '1234567.123457']);
  });

  it('gives the same sums as numbers, which COPY text writes as they are', () => {
    const sums = [0, -0, 3, -2, 2 ** 40, 0.1 + 0.2, 12.5, -0.7 - 0.1, 1e-7, 1234567.123456789];
    expect(sums.map((sum) => String(roundedSum(sum)))).toEqual(sums.map(toNumericText));
    expect(roundedSum(-0)).toBe(0);
  });
});
