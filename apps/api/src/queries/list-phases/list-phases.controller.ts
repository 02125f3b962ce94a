import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { ReadQueryDto } from '../shared/read-query.dto.js';
import { PhaseListResponseDto } from '../shared/records.response.dto.js';
import { ListPhasesQuery, type PhaseListView } from './list-phases.query.js';

@ApiTags('phases')
@ConsistentRead()
@Controller('v1/phases')
export class ListPhasesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every defined phase, by start date then id' })
  @ApiOkResponse({ type: PhaseListResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  list(@Query() _query: ReadQueryDto): Promise<PhaseListView> {
    return this.queryBus.execute(new ListPhasesQuery());
  }
}
