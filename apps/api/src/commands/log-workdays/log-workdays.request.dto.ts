import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsPositive, Max } from 'class-validator';
import { ID_PATTERN, TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsCalendarDate, IsSlugId, OptionalGeneratedId } from '../shared/validation.js';

/** A bound far above any real report, below where decimals stop being exact. */
export const MAX_WORKDAYS = 1_000_000_000;

export class LogWorkdaysRequestDto {
  @OptionalGeneratedId()
  entryId?: string;

  @ApiProperty({ type: String, example: 'lam-binh', pattern: ID_PATTERN.source, description: 'An active unit: its ledger' })
  @IsSlugId()
  unitId!: string;

  @ApiProperty({
    type: Number,
    example: 12.5,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_WORKDAYS,
    description: 'Positive, at most 2 decimals (422 WORKDAYS_INVALID otherwise)',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_WORKDAYS)
  workdays!: number;

  @ApiProperty({ type: String, format: 'date', example: '2024-07-27', description: 'Business date, not in the future' })
  @IsCalendarDate()
  on!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Sửa đường liên thôn', maxLength: TEXT_LIMITS.longText })
  @IsOptional()
  @IsBoundedText(TEXT_LIMITS.longText, { blank: true })
  activity?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: ID_PATTERN.source, description: 'The model the work was for' })
  @IsOptional()
  @IsSlugId()
  modelId?: string | null;
}
