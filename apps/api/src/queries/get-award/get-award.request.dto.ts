import { ApiProperty } from '@nestjs/swagger';
import { IsSlug } from '../shared/validators.js';

export class GetAwardParamsDto {
  @ApiProperty({ example: 'bk-2024-0012' })
  @IsSlug()
  awardId!: string;
}
