import { ApiProperty } from '@nestjs/swagger';
import { codesOf, HOLDER_KINDS, ID_PATTERN, MODEL_FIELDS, TEXT_LIMITS } from '#domain';
import { CODE_PATTERN, IsBoundedText, IsCalendarDate, IsCatalogueCode, IsCodeShaped, IsSlugId, OptionalGeneratedId } from '../shared/validation.js';

export class RegisterModelRequestDto {
  @OptionalGeneratedId('mo-hinh-dan-van-kheo-lam-binh-1')
  modelId?: string;

  @ApiProperty({ type: String, example: 'lam-binh', pattern: ID_PATTERN.source, description: 'An active unit' })
  @IsSlugId()
  unitId!: string;

  @ApiProperty({ type: String, example: 'Dân vận khéo trong xây dựng nông thôn mới', maxLength: TEXT_LIMITS.name })
  @IsBoundedText(TEXT_LIMITS.name)
  title!: string;

  @ApiProperty({
    type: String,
    example: 'economy',
    pattern: CODE_PATTERN.source,
    description: `A field of the catalogue in force (today: ${codesOf(MODEL_FIELDS).join(', ')}); an unknown one answers 422 MODEL_FIELD_UNKNOWN`,
  })
  @IsCodeShaped()
  field!: string;

  @ApiProperty({ enum: codesOf(HOLDER_KINDS), example: 'collective' })
  @IsCatalogueCode(HOLDER_KINDS)
  holderKind!: string;

  @ApiProperty({ type: String, example: 'Hội Nông dân xã Thượng Lâm', maxLength: TEXT_LIMITS.name })
  @IsBoundedText(TEXT_LIMITS.name)
  holderName!: string;

  @ApiProperty({ type: String, format: 'date', example: '2024-03-15', description: 'Not in the future' })
  @IsCalendarDate()
  registeredOn!: string;
}
