import { Entity, PrimaryColumn } from 'typeorm';
import { MonthTotals } from './month-totals.js';

/**
 * rm_year_stats: per year × unit (where the fact was recorded) × path version × field ×
 * metric, the year's total and its twelve months (see stats-periods.ts). Metric keys: see
 * `STAT_METRIC` (stats-metrics.ts).
 */
@Entity({ name: 'rm_year_stats' })
export class YearStatEntity extends MonthTotals {
  @PrimaryColumn({ name: 'year', type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  /** The recording unit's ancestor-path version (see rm_unit_path_closure). */
  @PrimaryColumn({ name: 'path_version', type: 'integer' })
  pathVersion!: number;

  @PrimaryColumn({ name: 'field', type: 'text' })
  field!: string;

  @PrimaryColumn({ name: 'metric', type: 'text' })
  metric!: string;
}
