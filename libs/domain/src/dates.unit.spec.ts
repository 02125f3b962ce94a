import { daysInMonth, isIsoDate, isLeapYear, maxDate, minDate } from './dates.js';
import { canonicalText, nfc } from './text.js';

describe('dates', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '2025-01-01', '0001-01-01'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });

  it.each(['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-01',
    '24-01-01', '2024-01-01T00:00:00Z', ' 2024-01-01', '0000-01-01', '', 20240101, null])('rejects %p', (d) => {
    expect(isIsoDate(d)).toBe(false);
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toStrictEqual([false, true, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('orders dates', () => {
    expect(maxDate('2024-01-02', '2025-01-01', '2024-12-31')).toBe('2025-01-01');
    expect(minDate('2024-01-02', '2025-01-01', '2023-12-31')).toBe('2023-12-31');
  });
});

describe('text', () => {
  it('normalises to NFC and trims', () => {
    const nfd = ' Nguyễn Văn An\n'.normalize('NFD');
    expect(nfc(nfd)).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('canonicalises for comparison', () => {
    expect(canonicalText('  NGUYỄN \t văn   An '.normalize('NFD'))).toBe('nguyễn văn an');
  });
});
