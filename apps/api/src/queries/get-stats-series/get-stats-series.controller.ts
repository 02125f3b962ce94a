import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { StatsSeriesResponseDto } from '../shared/stats.response.dto.js';
import { GetStatsSeriesQuery, MAX_SERIES_PERIODS, type StatsSeriesView } from './get-stats-series.query.js';
import { GetStatsSeriesRequestDto } from './get-stats-series.request.dto.js';

@ApiTags('statistics')
@ConsistentRead()
@Controller('v1/stats/series')
export class GetStatsSeriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: `The totals of GET /v1/stats for each calendar period overlapping [from, to], in order (at most ${MAX_SERIES_PERIODS} periods)`,
  })
  @ApiOkResponse({ type: StatsSeriesResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'UNIT_NOT_FOUND', type: ApiErrorResponseDto })
  get(@Query() query: GetStatsSeriesRequestDto): Promise<StatsSeriesView> {
    return this.queryBus.execute(
      new GetStatsSeriesQuery(query.unit, query.granularity, query.from, query.to, query.boundaries),
    );
  }
}
