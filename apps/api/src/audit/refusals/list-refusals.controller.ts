import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { ListRefusalsQueryDto } from './list-refusals.request.dto.js';
import { RefusalLog, type RefusalPage } from './refusal-log.js';

@ApiTags('audit')
@Controller('v1/audit/refusals')
export class ListRefusalsController {
  constructor(private readonly refusals: RefusalLog) {}

  @Get()
  @ApiOperation({
    summary: 'Refused commands and refused authentications, newest first',
    description: 'Each record: at (UTC), actor and role (null when unauthenticated), method, route, path, clientAddress, status, code, requestId, bodySha256.',
  })
  @ApiOkResponse({ description: '{ refusals: [...], nextCursor }' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  list(@Query() query: ListRefusalsQueryDto): Promise<RefusalPage> {
    return this.refusals.list({ from: query.from, to: query.to, before: query.cursor, limit: query.limit ?? 100 });
  }
}
