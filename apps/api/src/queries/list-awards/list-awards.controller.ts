import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AwardView, PageView } from '#read-models';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { DEFAULT_PAGE_SIZE } from '../shared/read-query.dto.js';
import { AwardPageResponseDto } from '../shared/records.response.dto.js';
import { ListAwardsQuery } from './list-awards.query.js';
import { ListAwardsRequestDto } from './list-awards.request.dto.js';

@ApiTags('awards')
@ConsistentRead()
@Controller('v1/awards')
export class ListAwardsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Awards (khen thưởng), revoked ones included, by id, a page at a time' })
  @ApiOkResponse({ type: AwardPageResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (a malformed cursor included)', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'UNIT_NOT_FOUND', type: ApiErrorResponseDto })
  list(@Query() query: ListAwardsRequestDto): Promise<PageView<AwardView>> {
    const { unit, recipient, form, from, to, limit, cursor } = query;
    return this.queryBus.execute(
      new ListAwardsQuery({ unitId: unit, recipient, form, from, to, limit: limit ?? DEFAULT_PAGE_SIZE }, cursor),
    );
  }
}
