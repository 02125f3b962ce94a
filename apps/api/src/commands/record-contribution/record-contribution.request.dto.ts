import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { codesOf, ID_PATTERN, METRICS, TEXT_LIMITS } from '#domain';
import { CODE_PATTERN, IsBoundedText, IsCalendarDate, IsCodeShaped, IsSlugId, OptionalGeneratedId } from '../shared/validation.js';

export class RecordContributionRequestDto {
  @OptionalGeneratedId()
  entryId?: string;

  @ApiProperty({ type: String, example: 'lam-binh', pattern: ID_PATTERN.source, description: 'An active unit: its ledger' })
  @IsSlugId()
  unitId!: string;

  @ApiProperty({
    type: String,
    example: 'road_km',
    pattern: CODE_PATTERN.source,
    description: `A metric of the catalogue in force (today: ${codesOf(METRICS).join(', ')}); an unknown one answers 422 METRIC_UNKNOWN`,
  })
  @IsCodeShaped()
  metric!: string;

  @ApiProperty({
    type: Number,
    example: 2.5,
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: "Non-negative, in the metric's unit; whole for counted things and money (VND)",
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  quantity!: number;

  @ApiProperty({ type: String, format: 'date', example: '2024-07-27', description: 'Business date, not in the future' })
  @IsCalendarDate()
  on!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT_LIMITS.longText })
  @IsOptional()
  @IsBoundedText(TEXT_LIMITS.longText, { blank: true })
  note?: string | null;
}
