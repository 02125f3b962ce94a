import { ApiProperty } from '@nestjs/swagger';
import { IsSlug } from '../shared/validators.js';

export class GetPhaseParamsDto {
  @ApiProperty({ example: '2021-2025' })
  @IsSlug()
  phaseId!: string;
}
