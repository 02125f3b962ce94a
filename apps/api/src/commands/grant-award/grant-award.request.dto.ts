import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AWARD_FORMS, codesOf, HOLDER_KINDS, ID_PATTERN, MOVEMENTS, TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsCalendarDate, IsCatalogueCode, IsSlugId, OptionalGeneratedId } from '../shared/validation.js';

export class GrantAwardRequestDto {
  @OptionalGeneratedId()
  awardId?: string;

  @ApiProperty({ enum: codesOf(HOLDER_KINDS), example: 'individual' })
  @IsCatalogueCode(HOLDER_KINDS)
  recipientKind!: string;

  @ApiProperty({ type: String, example: 'Nguyễn Văn An', maxLength: TEXT_LIMITS.name })
  @IsBoundedText(TEXT_LIMITS.name)
  recipientName!: string;

  @ApiProperty({ type: String, example: 'lam-binh', pattern: ID_PATTERN.source, description: "The recipient's unit (active)" })
  @IsSlugId()
  recipientUnitId!: string;

  @ApiProperty({ enum: codesOf(AWARD_FORMS), example: 'bang_khen' })
  @IsCatalogueCode(AWARD_FORMS)
  form!: string;

  @ApiProperty({ type: String, example: 'tuyen-quang', pattern: ID_PATTERN.source, description: 'The issuing unit' })
  @IsSlugId()
  issuerUnitId!: string;

  @ApiProperty({
    type: String,
    example: '1290/QĐ-UBND',
    maxLength: TEXT_LIMITS.decisionNo,
    description: 'Official number and symbol; a decision is (decisionNo, issuer, decidedOn)',
  })
  @IsBoundedText(TEXT_LIMITS.decisionNo)
  decisionNo!: string;

  @ApiProperty({ type: String, format: 'date', example: '2024-05-19', description: 'Not in the future' })
  @IsCalendarDate()
  decidedOn!: string;

  @ApiProperty({ enum: codesOf(MOVEMENTS), example: 'dan_van_kheo' })
  @IsCatalogueCode(MOVEMENTS)
  movement!: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: ID_PATTERN.source, description: 'The model the award is for' })
  @IsOptional()
  @IsSlugId()
  modelId?: string | null;
}
