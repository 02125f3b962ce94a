import { Column } from 'typeorm';
import type { MonthColumn } from '../stats-periods.js';

const numeric = (name: string) => Column({ name, type: 'numeric' });

/**
 * A year's total and its twelve months (see stats-periods.ts), as the statistics tables
 * keep them. Numbers are numeric, as exact decimal strings.
 */
export abstract class MonthTotals implements Record<MonthColumn, string> {
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
