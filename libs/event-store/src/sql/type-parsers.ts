/**
 * One set of value parsers for both backends, so a row reads the same on a PostgreSQL
 * server and on PGlite: 64-bit integers and numerics stay exact strings (positions exceed
 * 2^53 in a long-lived log; sums of VND exceed it too) and dates stay `YYYY-MM-DD` text
 * (a JS Date would shift with the time zone).
 */
export const PG_TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

const keepText = (value: string): string => value;

export const TEXT_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  [PG_TYPE_OIDS.int8]: keepText,
  [PG_TYPE_OIDS.numeric]: keepText,
  [PG_TYPE_OIDS.date]: keepText,
};
