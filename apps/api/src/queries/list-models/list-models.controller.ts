import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ModelView, PageView } from '#read-models';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { DEFAULT_PAGE_SIZE } from '../shared/read-query.dto.js';
import { ModelPageResponseDto } from '../shared/records.response.dto.js';
import { ListModelsQuery } from './list-models.query.js';
import { ListModelsRequestDto } from './list-models.request.dto.js';

@ApiTags('models')
@ConsistentRead()
@Controller('v1/models')
export class ListModelsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Models (mô hình), by id, a page at a time' })
  @ApiOkResponse({ type: ModelPageResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (a malformed cursor included)', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'UNIT_NOT_FOUND', type: ApiErrorResponseDto })
  list(@Query() query: ListModelsRequestDto): Promise<PageView<ModelView>> {
    const { unit, field, status, limit, cursor } = query;
    return this.queryBus.execute(
      new ListModelsQuery({ unitId: unit, field, status, limit: limit ?? DEFAULT_PAGE_SIZE }, cursor),
    );
  }
}
