import { MODEL_STATUSES, type ModelStatus } from '#read-models';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../shared/read-query.dto.js';
import { IsCursor, IsFieldCode, IsSlug } from '../shared/validators.js';

export class ListModelsRequestDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Models of this unit's whole current subtree", example: 'tuyen-quang' })
  @IsOptional()
  @IsSlug()
  unit?: string;

  @ApiPropertyOptional({ description: 'A model field code', example: 'economy' })
  @IsOptional()
  @IsFieldCode()
  field?: string;

  @ApiPropertyOptional({ enum: MODEL_STATUSES })
  @IsOptional()
  @IsIn(MODEL_STATUSES)
  status?: ModelStatus;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsCursor('models')
  cursor?: string;
}
