import { AWARD_FORMS } from '#domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../shared/read-query.dto.js';
import { IsCursor, IsIsoDateString, IsSlug } from '../shared/validators.js';

const FORMS = AWARD_FORMS.map((f) => f.code);

export class ListAwardsRequestDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Awards to recipients in this unit's whole current subtree", example: 'tuyen-quang' })
  @IsOptional()
  @IsSlug()
  unit?: string;

  @ApiPropertyOptional({
    description: "A case-insensitive part of the recipient's name (compared in Unicode NFC)",
    example: 'nguyễn',
    maxLength: 200,
  })
  @IsOptional()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  recipient?: string;

  @ApiPropertyOptional({ enum: FORMS })
  @IsOptional()
  @IsIn(FORMS)
  form?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Decided on or after this date', example: '2024-01-01' })
  @IsOptional()
  @IsIsoDateString()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Decided on or before this date', example: '2024-12-31' })
  @IsOptional()
  @IsIsoDateString()
  to?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsCursor('awards')
  cursor?: string;
}
