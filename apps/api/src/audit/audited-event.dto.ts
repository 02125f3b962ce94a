import { ApiProperty } from '@nestjs/swagger';

/** One event of the log as auditors see it: nothing upcast, nothing left out. */
export class AuditedEventDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'award-kt-2024-0001' }) stream!: string;
  @ApiProperty({ example: 'AwardGranted' }) type!: string;
  @ApiProperty({ description: '0-based revision in the stream' }) revision!: number;
  @ApiProperty({ description: 'Log position (a decimal string)', example: '42' }) position!: string;
  @ApiProperty({ description: 'When the store wrote it (UTC)', format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'actor, actorRole, route, clientAddress, correlationId, causationId, recordedAt, schemaVersion, hash',
  })
  metadata!: Record<string, unknown>;
}
