import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import { IsLogPosition } from './validators.js';

/**
 * The query parameters every read endpoint accepts. Each endpoint's query DTO extends
 * it, so an unknown parameter is refused (400) while `consistentWith` is not. The wait
 * itself is ConsistencyInterceptor's work (it runs before validation, so it checks the
 * value too); this declaration documents and whitelists it.
 */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'A log position (decimal string) returned by a command: the answer waits until the read models cover it (503 CONSISTENCY_TIMEOUT after the configured timeout, 5 s by default).',
    example: '1042',
    pattern: '^\\d{1,19}$',
  })
  @IsOptional()
  @IsLogPosition()
  consistentWith?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A keyset-paginated list: `limit` items per page; the cursor is declared per list. */
export class PageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @ValidateBy({
    name: 'isPageSize',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PAGE_SIZE,
      defaultMessage: () => `must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
    },
  })
  limit?: number;
}
