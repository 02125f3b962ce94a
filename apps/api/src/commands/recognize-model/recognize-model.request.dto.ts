import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { codesOf, ID_PATTERN, RECOGNITION_LEVELS, TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsCalendarDate, IsCatalogueCode, IsSlugId } from '../shared/validation.js';

export class RecognizeModelRequestDto {
  @ApiProperty({
    enum: codesOf(RECOGNITION_LEVELS),
    example: 'recognized',
    description: '`recognized` once, then `exemplary` once',
  })
  @IsCatalogueCode(RECOGNITION_LEVELS)
  level!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2024-11-20',
    description: 'Not in the future, not before the registration or the previous recognition',
  })
  @IsCalendarDate()
  recognizedOn!: string;

  @ApiProperty({ type: String, example: 'tuyen-quang', pattern: ID_PATTERN.source, description: 'The recognising unit' })
  @IsSlugId()
  byUnitId!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '24-KH/BDVTU', maxLength: TEXT_LIMITS.decisionNo })
  @IsOptional()
  @IsBoundedText(TEXT_LIMITS.decisionNo, { blank: true })
  decisionNo?: string | null;
}
