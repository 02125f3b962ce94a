import { keyRest, type MonthSumRows } from './month-sum-rows.js';
import { PairIndex } from './pair-index.js';

/** Years and path versions share one number: a path version (merges of one unit) stays below this. */
const PATH_VERSIONS = 1 << 16;

/**
 * The key id (see MonthSumRows.restId) of a fact's year row, found by numbers: a key's
 * string is built and hashed once per distinct key (a few hundred), not once per fact
 * (~1,000,000 a rebuild of 1,000,000 events).
 */
export class FactKeyIds {
  /** field → metric → the pair's number. */
  private readonly pairs = new Map<string, Map<string, number>>();
  /** (pair, year × PATH_VERSIONS + path version) → key id in `own`. */
  private readonly ownIds = new PairIndex();
  private pairCount = 0;

  constructor(private readonly own: MonthSumRows) {}

  /** The id of (year, path version, field, metric) in `own`. */
  ownId(year: number, pathVersion: number, field: string, metric: string): number {
    if (pathVersion >= PATH_VERSIONS) return this.own.restId(keyRest(year, pathVersion, field, metric));
    const pair = this.pairOf(field, metric);
    const second = year * PATH_VERSIONS + pathVersion;
    let id = this.ownIds.get(pair, second);
    if (id < 0) this.ownIds.set(pair, second, (id = this.own.restId(keyRest(year, pathVersion, field, metric))));
    return id;
  }

  private pairOf(field: string, metric: string): number {
    let metrics = this.pairs.get(field);
    if (metrics === undefined) this.pairs.set(field, (metrics = new Map()));
    let pair = metrics.get(metric);
    if (pair === undefined) metrics.set(metric, (pair = this.pairCount++));
    return pair;
  }
}
