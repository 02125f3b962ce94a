import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Stream names are `{kind}-{id}` with slug ids (award-reservation streams end in a hex hash). */
export const STREAM_NAME_PATTERN = /^[a-z][a-z0-9-]{1,200}$/;

export class ReadStreamParamsDto {
  @ApiProperty({ example: 'award-kt-2024-0001', pattern: STREAM_NAME_PATTERN.source })
  @Matches(STREAM_NAME_PATTERN, { message: 'stream must be a stream name such as award-kt-2024-0001' })
  stream!: string;
}
