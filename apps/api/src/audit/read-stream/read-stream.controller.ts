import { Controller, Get, HttpStatus, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore, RecordedEvent } from '#event-store';
import { ApiError, ApiErrorResponseDto } from '../../infrastructure/index.js';
import { EVENT_STORE } from '../../store/store.tokens.js';
import { AuditedEventDto } from '../audited-event.dto.js';
import { recordedBy } from '../stream-replay.js';
import { ReadStreamParamsDto, ReadStreamQueryDto } from './read-stream.request.dto.js';

@ApiTags('audit')
@Controller('v1/audit/streams')
export class ReadStreamController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':stream')
  @ApiOperation({ summary: 'Every event of a stream, in order, as stored in the log (data and metadata unchanged); with asOf, as it stood at the end of that day' })
  @ApiOkResponse({ type: [AuditedEventDto] })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiNotFoundResponse({ description: 'STREAM_NOT_FOUND', type: ApiErrorResponseDto })
  async read(@Param() params: ReadStreamParamsDto, @Query() query: ReadStreamQueryDto): Promise<AuditedEventDto[]> {
    const events = recordedBy(await this.store.readStream(params.stream), query.asOf);
    if (events.length === 0) {
      const when = query.asOf === undefined ? '' : ` recorded by ${query.asOf}`;
      throw new ApiError(HttpStatus.NOT_FOUND, 'STREAM_NOT_FOUND', `Stream ${params.stream} has no events${when}`);
    }
    return events.map(auditedEvent);
  }
}

export function auditedEvent(event: RecordedEvent): AuditedEventDto {
  return {
    eventId: event.eventId,
    stream: event.streamName,
    type: event.type,
    revision: Number(event.revision),
    position: event.position.toString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}
