import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { StatsView } from '#read-models';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { StatsResponseDto } from '../shared/stats.response.dto.js';
import { GetStatsQuery } from './get-stats.query.js';
import { GetStatsRequestDto } from './get-stats.request.dto.js';

@ApiTags('statistics')
@ConsistentRead()
@Controller('v1/stats')
export class GetStatsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "A period's totals for a unit's whole current subtree, overall and by field" })
  @ApiOkResponse({ type: StatsResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'UNIT_NOT_FOUND, PHASE_NOT_FOUND', type: ApiErrorResponseDto })
  get(@Query() query: GetStatsRequestDto): Promise<StatsView> {
    return this.queryBus.execute(new GetStatsQuery(query.unit, query.period, query.boundaries));
  }
}
