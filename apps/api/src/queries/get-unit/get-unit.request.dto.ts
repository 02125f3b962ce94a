import { ApiProperty } from '@nestjs/swagger';
import { IsSlug } from '../shared/validators.js';

export class GetUnitParamsDto {
  @ApiProperty({ example: 'tuyen-quang' })
  @IsSlug()
  unitId!: string;
}
