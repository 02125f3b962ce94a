import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ReadQueryDto } from '../shared/read-query.dto.js';
import { IsPeriodKey, IsSlug } from '../shared/validators.js';

export const BOUNDARIES = ['current', 'as-recorded'] as const;
export type Boundaries = (typeof BOUNDARIES)[number];

export class GetStatsRequestDto extends ReadQueryDto {
  @ApiProperty({
    description: 'phase:<id>, year:YYYY, half:YYYY-H1|H2, quarter:YYYY-Q1..Q4 or month:YYYY-MM',
    example: 'phase:2021-2025',
  })
  @IsPeriodKey()
  period!: string;

  @ApiProperty({ description: "The unit whose whole current subtree is summed", example: 'qk2' })
  @IsSlug()
  unit!: string;

  @ApiPropertyOptional({
    enum: BOUNDARIES,
    default: 'current',
    description:
      '`current`: merged units count under the unit they merged into. `as-recorded`: each fact counts under the ancestors its unit had when the fact was recorded.',
  })
  @IsOptional()
  @IsIn(BOUNDARIES)
  boundaries?: Boundaries;
}
