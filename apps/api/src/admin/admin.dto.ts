import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { PERIOD_STATS } from '#projections';

/** The projections a rebuild can be asked for. */
export const REBUILDABLE_PROJECTIONS = [PERIOD_STATS] as const;

export class StartRebuildRequestDto {
  @ApiProperty({ enum: REBUILDABLE_PROJECTIONS, example: PERIOD_STATS })
  @IsIn(REBUILDABLE_PROJECTIONS, { message: `must be one of: ${REBUILDABLE_PROJECTIONS.join(', ')}` })
  projection!: string;
}

export class RebuildParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a rebuild id (UUID)' })
  rebuildId!: string;
}

export class RebuildStartedResponseDto {
  @ApiProperty({ format: 'uuid' })
  rebuildId!: string;
}

export class RebuildResponseDto {
  @ApiProperty({ format: 'uuid' }) rebuildId!: string;
  @ApiProperty({ example: PERIOD_STATS }) projection!: string;
  @ApiProperty({ description: 'The projection version the new tables are built by' }) version!: number;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ description: 'Events of the log processed so far' }) processed!: number;
  @ApiProperty({ description: 'Events of the log to process in all (grows while new events arrive)' }) total!: number;
  @ApiProperty() eventsPerSec!: number;
  @ApiPropertyOptional({ description: 'Seconds left at the current rate' }) etaSeconds?: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiPropertyOptional() error?: string;
}

export class ProjectionStatusResponseDto {
  @ApiProperty({ example: PERIOD_STATS }) name!: string;
  @ApiProperty({ description: "The running code's version of the projection" }) version!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Global position of the last event projected', example: '100000' })
  position!: string | null;
  @ApiProperty({ description: 'Events of the log not projected yet' }) lag!: number;
  @ApiProperty({ enum: ['following', 'rebuild required', 'rebuilding', 'stopped'] }) status!: string;
}
