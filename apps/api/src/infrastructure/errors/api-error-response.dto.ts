import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Classes only so that @nestjs/swagger can describe the error body; nothing constructs
// them. Use as `@ApiResponse({ status: 409, type: ApiErrorResponseDto })`.

export class ApiErrorDetailDto {
  @ApiProperty({ example: 'workdays', description: 'Dotted path of the input field' })
  field!: string;

  @ApiProperty({ example: 'must be a positive number' })
  message!: string;
}

export class ApiErrorContentDto {
  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ example: 'The request is not valid' })
  message!: string;

  @ApiPropertyOptional({ type: () => [ApiErrorDetailDto] })
  details?: ApiErrorDetailDto[];
}

export class ApiErrorResponseDto {
  @ApiProperty({ type: () => ApiErrorContentDto })
  error!: ApiErrorContentDto;
}
