import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * rm_period_stats: one number per period × unit (where the fact was recorded) × field ×
 * metric. Keys: see `STAT_METRIC` (stats-metrics.ts) and the period keys of #domain.
 */
@Entity({ name: 'rm_period_stats' })
export class PeriodStatEntity {
  @PrimaryColumn({ name: 'period_key', type: 'text' })
  periodKey!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  /** The recording unit's ancestor-path version (see rm_unit_path_closure). */
  @PrimaryColumn({ name: 'path_version', type: 'integer' })
  pathVersion!: number;

  @PrimaryColumn({ name: 'field', type: 'text' })
  field!: string;

  @PrimaryColumn({ name: 'metric', type: 'text' })
  metric!: string;

  /** numeric, as an exact decimal string. */
  @Column({ name: 'value', type: 'numeric' })
  value!: string;
}
