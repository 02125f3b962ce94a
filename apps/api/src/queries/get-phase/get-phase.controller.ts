import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { PhaseView } from '#read-models';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { ReadQueryDto } from '../shared/read-query.dto.js';
import { PhaseResponseDto } from '../shared/records.response.dto.js';
import { GetPhaseQuery } from './get-phase.query.js';
import { GetPhaseParamsDto } from './get-phase.request.dto.js';

@ApiTags('phases')
@ConsistentRead()
@Controller('v1/phases')
export class GetPhaseController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':phaseId')
  @ApiOperation({ summary: 'One phase' })
  @ApiOkResponse({ type: PhaseResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'PHASE_NOT_FOUND', type: ApiErrorResponseDto })
  get(@Param() params: GetPhaseParamsDto, @Query() _query: ReadQueryDto): Promise<PhaseView> {
    return this.queryBus.execute(new GetPhaseQuery(params.phaseId));
  }
}
