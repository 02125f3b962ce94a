import { AWARD_FORMS, METRICS } from '#domain';
import type { PeriodView, StatsTotals, UnitRefView } from '#read-models';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

// Classes for the OpenAPI document only; the handlers answer the #read-models views,
// which these classes implement so the two cannot drift apart.

export class PeriodDto implements PeriodView {
  @ApiProperty({ example: 'phase:2021-2025' })
  key!: string;

  @ApiProperty({ example: '2021-01-01', format: 'date', description: 'First day, inclusive' })
  from!: string;

  @ApiProperty({ example: '2025-12-31', format: 'date', description: 'Last day, inclusive' })
  to!: string;
}

export class UnitRefDto implements UnitRefView {
  @ApiProperty({ example: 'qk2' })
  id!: string;

  @ApiProperty({ example: 'Quân khu 2' })
  name!: string;
}

const zeroes = (codes: readonly string[]): Record<string, number> => Object.fromEntries(codes.map((c) => [c, 0]));

export class StatsTotalsDto implements StatsTotals {
  @ApiProperty({ example: 0, description: 'Models registered in the period (collective + individual)' })
  modelsRegistered!: number;

  @ApiProperty({ example: 0 })
  modelsRegisteredCollective!: number;

  @ApiProperty({ example: 0 })
  modelsRegisteredIndividual!: number;

  @ApiProperty({ example: 0, description: 'Recognitions (công nhận) decided in the period' })
  modelsRecognized!: number;

  @ApiProperty({ example: 0, description: 'Models made exemplary (điển hình) in the period' })
  modelsExemplary!: number;

  @ApiProperty({ example: 0, description: 'Withdrawals in the period' })
  modelsWithdrawn!: number;

  @ApiProperty({ example: 0, description: 'Awards granted in the period and still in force (not revoked)' })
  awardsGranted!: number;

  @ApiProperty({ example: 0 })
  awardsGrantedCollective!: number;

  @ApiProperty({ example: 0 })
  awardsGrantedIndividual!: number;

  @ApiProperty({ example: 0, description: 'Revocations decided in the period' })
  awardsRevoked!: number;

  @ApiProperty({ example: 0, description: 'Workdays logged (voided entries excluded)' })
  workdays!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Awards in force by form; every form of the catalogue is present',
    example: zeroes(AWARD_FORMS.map((f) => f.code)),
  })
  awardsByForm!: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Contribution quantities by metric code; every metric of the catalogue is present',
    example: zeroes(METRICS.map((m) => m.code)),
  })
  contributions!: Record<string, number>;
}

@ApiExtraModels(StatsTotalsDto)
export class StatsResponseDto {
  @ApiProperty({ type: () => PeriodDto })
  period!: PeriodDto;

  @ApiProperty({ type: () => UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ type: () => StatsTotalsDto, description: "The unit's whole current subtree" })
  totals!: StatsTotalsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(StatsTotalsDto) },
    description: 'The same totals per field: every model field of the catalogue, then `unclassified`',
  })
  byField!: Record<string, StatsTotalsDto>;
}

export class StatsSeriesPointDto {
  @ApiProperty({ type: () => PeriodDto })
  period!: PeriodDto;

  @ApiProperty({ type: () => StatsTotalsDto })
  totals!: StatsTotalsDto;
}

export class StatsSeriesResponseDto {
  @ApiProperty({ type: () => UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ enum: ['year', 'half', 'quarter', 'month'], example: 'year' })
  granularity!: string;

  @ApiProperty({ example: '2021-01-01', format: 'date' })
  from!: string;

  @ApiProperty({ example: '2025-12-31', format: 'date' })
  to!: string;

  @ApiProperty({ type: () => [StatsSeriesPointDto], description: 'One entry per period, in order' })
  series!: StatsSeriesPointDto[];
}
