import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { codesOf, ID_PATTERN, TEXT_LIMITS, UNIT_KINDS } from '#domain';
import { IsBoundedText, IsCatalogueCode, IsSlugId } from '../shared/validation.js';

export class RegisterUnitRequestDto {
  @ApiProperty({ type: String, example: 'lam-binh', pattern: ID_PATTERN.source, description: 'The new unit id (slug)' })
  @IsSlugId()
  unitId!: string;

  @ApiProperty({ type: String, example: 'Huyện Lâm Bình', maxLength: TEXT_LIMITS.name })
  @IsBoundedText(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty({ enum: codesOf(UNIT_KINDS), example: 'district' })
  @IsCatalogueCode(UNIT_KINDS)
  kind!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'tuyen-quang',
    pattern: ID_PATTERN.source,
    description: 'The parent unit (an existing, not merged unit); omitted or null for a root',
  })
  @IsOptional()
  @IsSlugId()
  parentId?: string | null;
}
