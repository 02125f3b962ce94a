import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ReadQueryDto } from '../../queries/shared/read-query.dto.js';
import { IsIsoDateString, IsSlug } from '../../queries/shared/validators.js';
import { EXPORT_FORMATS, type ExportFormat } from './award-history-format.js';

/** `consistentWith` is accepted like on every GET, and needs no wait: these read the log itself. */
export class AwardsAsOfQueryDto extends ReadQueryDto {
  @ApiProperty({ example: '2024-06-30', description: 'The business date the awards were in force on' })
  @IsIsoDateString()
  asOf!: string;

  @ApiPropertyOptional({ example: 'qk2', description: "Only recipients in this unit's current subtree" })
  @IsOptional()
  @IsSlug()
  unit?: string;
}

export class ExportAwardHistoryQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 'qk2', description: "Only awards whose recipient is in this unit's current subtree" })
  @IsOptional()
  @IsSlug()
  unit?: string;

  @ApiPropertyOptional({ example: '2021-01-01', description: 'Decision or revocation dates from (inclusive)' })
  @IsOptional()
  @IsIsoDateString()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Decision or revocation dates to (inclusive)' })
  @IsOptional()
  @IsIsoDateString()
  to?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'jsonl' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
