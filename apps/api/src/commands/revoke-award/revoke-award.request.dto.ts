import { ApiProperty } from '@nestjs/swagger';
import { TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsCalendarDate } from '../shared/validation.js';

export class RevokeAwardRequestDto {
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2024-09-01',
    description: 'Not in the future, not before the award was decided',
  })
  @IsCalendarDate()
  revokedOn!: string;

  @ApiProperty({ type: String, example: '88/QĐ-UBND', maxLength: TEXT_LIMITS.decisionNo, description: 'The revoking decision' })
  @IsBoundedText(TEXT_LIMITS.decisionNo)
  decisionNo!: string;

  @ApiProperty({ type: String, example: 'Khai man thành tích', maxLength: TEXT_LIMITS.longText })
  @IsBoundedText(TEXT_LIMITS.longText)
  reason!: string;
}
