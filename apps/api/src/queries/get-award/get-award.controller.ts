import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AwardView } from '#read-models';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { ReadQueryDto } from '../shared/read-query.dto.js';
import { AwardResponseDto } from '../shared/records.response.dto.js';
import { GetAwardQuery } from './get-award.query.js';
import { GetAwardParamsDto } from './get-award.request.dto.js';

@ApiTags('awards')
@ConsistentRead()
@Controller('v1/awards')
export class GetAwardController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':awardId')
  @ApiOperation({ summary: 'One award with its status (granted or revoked)' })
  @ApiOkResponse({ type: AwardResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'AWARD_NOT_FOUND', type: ApiErrorResponseDto })
  get(@Param() params: GetAwardParamsDto, @Query() _query: ReadQueryDto): Promise<AwardView> {
    return this.queryBus.execute(new GetAwardQuery(params.awardId));
  }
}
