import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadQueryDto } from '../../queries/shared/read-query.dto.js';
import { IsIsoDateString } from '../../queries/shared/validators.js';

/** Stream names are `{kind}-{id}` with slug ids (award-reservation streams end in a hex hash). */
export const STREAM_NAME_PATTERN = /^[a-z][a-z0-9-]{1,200}$/;

export class ReadStreamParamsDto {
  @ApiProperty({ example: 'award-kt-2024-0001', pattern: STREAM_NAME_PATTERN.source })
  @Matches(STREAM_NAME_PATTERN, { message: 'stream must be a stream name such as award-kt-2024-0001' })
  stream!: string;
}

export class ReadStreamQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '2024-06-30', description: 'Only the events recorded by the end of this day (Vietnam time): the stream as it stood then' })
  @IsOptional()
  @IsIsoDateString()
  asOf?: string;
}
