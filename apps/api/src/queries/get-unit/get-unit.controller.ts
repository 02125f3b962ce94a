import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { UnitView } from '#read-models';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ConsistentRead } from '../shared/consistency.interceptor.js';
import { ReadQueryDto } from '../shared/read-query.dto.js';
import { UnitResponseDto } from '../shared/records.response.dto.js';
import { GetUnitQuery } from './get-unit.query.js';
import { GetUnitParamsDto } from './get-unit.request.dto.js';

@ApiTags('units')
@ConsistentRead()
@Controller('v1/units')
export class GetUnitController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':unitId')
  @ApiOperation({ summary: 'A unit, its place in the current tree and its direct children' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'UNIT_NOT_FOUND', type: ApiErrorResponseDto })
  get(@Param() params: GetUnitParamsDto, @Query() _query: ReadQueryDto): Promise<UnitView> {
    return this.queryBus.execute(new GetUnitQuery(params.unitId));
  }
}
