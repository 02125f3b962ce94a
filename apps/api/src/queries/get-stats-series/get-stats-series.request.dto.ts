import { GRANULARITIES, type Granularity } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BOUNDARIES, type Boundaries } from '../get-stats/get-stats.request.dto.js';
import { ReadQueryDto } from '../shared/read-query.dto.js';
import { IsIsoDateString, IsSlug } from '../shared/validators.js';

export class GetStatsSeriesRequestDto extends ReadQueryDto {
  @ApiProperty({ example: 'qk2' })
  @IsSlug()
  unit!: string;

  @ApiProperty({ enum: GRANULARITIES, example: 'year' })
  @IsIn(GRANULARITIES)
  granularity!: Granularity;

  @ApiProperty({ format: 'date', example: '2021-01-01', description: 'The first period is the one containing this date' })
  @IsIsoDateString()
  from!: string;

  @ApiProperty({ format: 'date', example: '2025-12-31', description: 'The last period is the one containing this date' })
  @IsIsoDateString()
  to!: string;

  @ApiPropertyOptional({ enum: BOUNDARIES, default: 'current', description: 'As for GET /v1/stats' })
  @IsOptional()
  @IsIn(BOUNDARIES)
  boundaries?: Boundaries;
}
