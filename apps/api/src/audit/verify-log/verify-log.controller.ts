import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { verifyEventLog, type BrokenLink, type EventStore, type VerificationReport } from '#event-store';
import { ReadQueryDto } from '../../queries/shared/read-query.dto.js';
import { EVENT_STORE } from '../../store/store.tokens.js';

class BrokenLinkDto implements BrokenLink {
  @ApiProperty({ example: 'award-kt-2024-0001' }) stream!: string;
  @ApiProperty({ example: '1', description: 'The first revision that does not check out' }) revision!: string;
  @ApiProperty() reason!: string;
}

class VerificationReportDto implements VerificationReport {
  @ApiProperty() ok!: boolean;
  @ApiProperty() streamsChecked!: number;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty({ description: 'Events written before the chain existed: counted, not covered' }) legacyEvents!: number;
  @ApiProperty() brokenStreams!: number;
  @ApiProperty({ description: 'Anchored heads compared (always 0 here; the CLI takes a heads file)' }) headsChecked!: number;
  @ApiPropertyOptional({ type: BrokenLinkDto }) firstBroken?: BrokenLinkDto;
}

@ApiTags('audit')
@Controller('v1/audit/verify')
export class VerifyLogController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({
    summary: 'Recompute every stream’s hash chain over the whole log',
    description: 'Reads the whole log: minutes on a national log. Proves no event was altered, removed or moved inside a stream; a stream removed whole needs `npx danvan verify --heads`.',
  })
  @ApiOkResponse({ type: VerificationReportDto })
  async verify(@Query() _query: ReadQueryDto): Promise<VerificationReport> {
    return (await verifyEventLog(this.store)).report;
  }
}
