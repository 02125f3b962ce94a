import { ApiProperty } from '@nestjs/swagger';
import { TEXT_LIMITS } from '#domain';
import { IsBoundedText, IsCalendarDate } from '../shared/validation.js';

export class WithdrawModelRequestDto {
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2025-03-01',
    description: 'Not in the future, not before the registration or the last recognition',
  })
  @IsCalendarDate()
  withdrawnOn!: string;

  @ApiProperty({ type: String, example: 'Mô hình không còn duy trì hoạt động', maxLength: TEXT_LIMITS.longText })
  @IsBoundedText(TEXT_LIMITS.longText)
  reason!: string;
}
