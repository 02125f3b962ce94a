import { HttpStatus, Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { seriesKeys, type Granularity } from '#domain';
import { StatsReader, type StatsSeriesPointView, type UnitRefView } from '#read-models';
import { ApiError } from '../../infrastructure/index.js';
import type { Boundaries } from '../get-stats/get-stats.request.dto.js';

/** At most this many periods per series (20 years of months). */
export const MAX_SERIES_PERIODS = 240;

export interface StatsSeriesView {
  readonly unit: UnitRefView;
  readonly granularity: Granularity;
  readonly from: string;
  readonly to: string;
  readonly series: StatsSeriesPointView[];
}

export class GetStatsSeriesQuery extends Query<StatsSeriesView> {
  constructor(
    readonly unitId: string,
    readonly granularity: Granularity,
    readonly from: string,
    readonly to: string,
    readonly boundaries: Boundaries = 'current',
  ) {
    super();
  }
}

const invalid = (field: string, message: string): ApiError =>
  new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not valid', [{ field, message }]);

@QueryHandler(GetStatsSeriesQuery)
export class GetStatsSeriesHandler implements IQueryHandler<GetStatsSeriesQuery> {
  constructor(@Inject(StatsReader) private readonly stats: StatsReader) {}

  async execute(query: GetStatsSeriesQuery): Promise<StatsSeriesView> {
    if (query.to < query.from) throw invalid('to', 'must not be before from');
    const keys = seriesKeys(query.granularity, query.from, query.to);
    if (keys.length > MAX_SERIES_PERIODS) {
      throw invalid(
        'to',
        `the range spans ${keys.length} ${query.granularity} periods; at most ${MAX_SERIES_PERIODS} are allowed (use a coarser granularity or a shorter range)`,
      );
    }
    const { unit, series } = await this.stats.series(query.unitId, keys, query.boundaries);
    return { unit, granularity: query.granularity, from: query.from, to: query.to, series };
  }
}
