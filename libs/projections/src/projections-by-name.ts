import type { Projection } from './projection.js';
import { PERIOD_STATS, PeriodStatsProjection } from './period-stats/period-stats.projection.js';

/** Every projection, by name: what a command line or another thread names. */
export const PROJECTIONS_BY_NAME: Readonly<Record<string, () => Projection>> = {
  [PERIOD_STATS]: () => new PeriodStatsProjection(),
};
