import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { EVENT_STORE } from '../../store/store.tokens.js';
import { formatExport } from './award-history-format.js';
import { AwardsAsOfQueryDto, ExportAwardHistoryQueryDto } from './award-history.request.dto.js';
import { awardHistory, awardsInForce, writeLines } from './award-replay.js';

/**
 * Auditors' award history, replayed from the log and streamed out as it is read: memory
 * stays flat whatever the number of awards, and a slow client slows the scan down.
 */
@ApiTags('audit')
@Controller('v1/audit')
export class AwardHistoryController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('awards')
  @ApiOperation({
    summary: 'The awards in force on a date, replayed from the log (not a projection)',
    description: 'In force = decided on or before asOf and not revoked on or before it (business dates). Streams `{ asOf, unit, awards: [...], count }`.',
  })
  @ApiOkResponse({ description: '{ asOf, unit, awards: [{ awardId, recipientKind, recipientName, recipientUnitId, form, issuerUnitId, decisionNo, decidedOn, movement, modelId, grantedBy, grantRecordedAt, position }], count }' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  async awardsAsOf(@Query() query: AwardsAsOfQueryDto, @Res() response: ServerResponse): Promise<void> {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    const awards = awardsInForce(this.store, query.asOf, query.unit);
    let count = 0;
    async function* body(): AsyncIterable<string> {
      yield `{"asOf":${JSON.stringify(query.asOf)},"unit":${JSON.stringify(query.unit ?? null)},"awards":[`;
      for await (const award of awards) yield `${count++ === 0 ? '' : ','}${JSON.stringify(award)}`;
      yield `],"count":${count}}`;
    }
    await writeLines(body(), response);
    response.end();
  }

  @Get('export')
  @ApiOperation({
    summary: "Export the award history (grants and revocations, every event's metadata) as CSV or JSON Lines",
    description: 'Filtered by the recipient unit subtree and the business date range; streamed.',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'CSV (RFC 4180, UTF-8 with BOM) or JSON Lines, one event per line' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  async export(@Query() query: ExportAwardHistoryQueryDto, @Res() response: ServerResponse): Promise<void> {
    const format = query.format ?? 'jsonl';
    response.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="award-history${query.unit ? `-${query.unit}` : ''}.${format}"`);
    await writeLines(formatExport(awardHistory(this.store, { unitId: query.unit, from: query.from, to: query.to }), format), response);
    response.end();
  }
}
