import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ModelView } from '#read-models';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { ReadQueryDto } from '../shared/read-query.dto.js';
import { ModelResponseDto } from '../shared/records.response.dto.js';
import { GetModelQuery } from './get-model.query.js';
import { GetModelParamsDto } from './get-model.request.dto.js';

@ApiTags('models')
@ConsistentRead()
@Controller('v1/models')
export class GetModelController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':modelId')
  @ApiOperation({ summary: 'One model with its current status' })
  @ApiOkResponse({ type: ModelResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'MODEL_NOT_FOUND', type: ApiErrorResponseDto })
  get(@Param() params: GetModelParamsDto, @Query() _query: ReadQueryDto): Promise<ModelView> {
    return this.queryBus.execute(new GetModelQuery(params.modelId));
  }
}
