import { ApiProperty } from '@nestjs/swagger';
import { ID_PATTERN, TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsCalendarDate, IsSlugId } from '../shared/validation.js';

export class DefinePhaseRequestDto {
  @ApiProperty({ type: String, example: '2025-2030', pattern: ID_PATTERN.source })
  @IsSlugId()
  phaseId!: string;

  @ApiProperty({ type: String, example: 'Giai đoạn 2025 - 2030', maxLength: TEXT_LIMITS.name })
  @IsBoundedText(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty({ type: String, format: 'date', example: '2025-01-01', description: 'First day (inclusive): the first day of a month' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({ type: String, format: 'date', example: '2030-12-31', description: 'Last day (inclusive): the last day of a month, not before startsOn' })
  @IsCalendarDate()
  endsOn!: string;
}
