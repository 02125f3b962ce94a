import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StatsReader, type StatsView } from '#read-models';
import type { Boundaries } from './get-stats.request.dto.js';

export class GetStatsQuery extends Query<StatsView> {
  constructor(
    readonly unitId: string,
    readonly periodKey: string,
    readonly boundaries: Boundaries = 'current',
  ) {
    super();
  }
}

@QueryHandler(GetStatsQuery)
export class GetStatsHandler implements IQueryHandler<GetStatsQuery> {
  constructor(@Inject(StatsReader) private readonly stats: StatsReader) {}

  execute(query: GetStatsQuery): Promise<StatsView> {
    return this.stats.stats(query.unitId, query.periodKey, query.boundaries);
  }
}
