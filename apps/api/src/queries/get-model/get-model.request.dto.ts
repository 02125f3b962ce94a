import { ApiProperty } from '@nestjs/swagger';
import { IsSlug } from '../shared/validators.js';

export class GetModelParamsDto {
  @ApiProperty({ example: 'mo-hinh-dan-van-kheo-lam-binh' })
  @IsSlug()
  modelId!: string;
}
