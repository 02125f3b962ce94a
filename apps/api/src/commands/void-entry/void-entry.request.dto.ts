import { ApiProperty } from '@nestjs/swagger';
import { ID_PATTERN, TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsSlugId } from '../shared/validation.js';

export class VoidEntryRequestDto {
  @ApiProperty({ type: String, example: 'lam-binh', pattern: ID_PATTERN.source, description: 'The unit whose ledger holds the entry' })
  @IsSlugId()
  unitId!: string;

  @ApiProperty({ type: String, example: 'Nhập trùng', maxLength: TEXT_LIMITS.longText })
  @IsBoundedText(TEXT_LIMITS.longText)
  reason!: string;
}
