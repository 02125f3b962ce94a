import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ID_PATTERN, TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsCalendarDate, IsSlugId } from '../shared/validation.js';

export class MergeUnitRequestDto {
  @ApiProperty({
    type: String,
    example: 'tuyen-quang',
    pattern: ID_PATTERN.source,
    description: 'The active unit this one merges into (not inside its own subtree)',
  })
  @IsSlugId()
  intoUnitId!: string;

  @ApiProperty({ type: String, format: 'date', example: '2025-07-01', description: 'Not in the future' })
  @IsCalendarDate()
  effectiveOn!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '202/2025/QH15', maxLength: TEXT_LIMITS.decisionNo })
  @IsOptional()
  @IsBoundedText(TEXT_LIMITS.decisionNo, { blank: true })
  decisionNo?: string | null;
}
