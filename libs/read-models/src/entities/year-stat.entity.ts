import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MonthColumn } from '../stats-periods.js';

const numeric = (name: string) => Column({ name, type: 'numeric' });

/**
 * rm_year_stats: per year × unit (where the fact was recorded) × path version × field ×
 * metric, the year's total and its twelve months (see stats-periods.ts). Metric keys: see
 * `STAT_METRIC` (stats-metrics.ts). Numbers are numeric, as exact decimal strings.
 */
@Entity({ name: 'rm_year_stats' })
export class YearStatEntity implements Record<MonthColumn, string> {
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

  @numeric('total') total!: string;
  @numeric('m01') m01!: string;
  @numeric('m02') m02!: string;
  @numeric('m03') m03!: string;
  @numeric('m04') m04!: string;
  @numeric('m05') m05!: string;
  @numeric('m06') m06!: string;
  @numeric('m07') m07!: string;
  @numeric('m08') m08!: string;
  @numeric('m09') m09!: string;
  @numeric('m10') m10!: string;
  @numeric('m11') m11!: string;
  @numeric('m12') m12!: string;
}
