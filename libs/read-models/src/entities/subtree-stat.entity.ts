import { Entity, PrimaryColumn } from 'typeorm';
import { MonthTotals } from './month-totals.js';

/**
 * rm_subtree_stats: per unit × year × field × metric, the sums of the facts recorded at the
 * unit's current strict descendants (rm_year_stats keeps its own). A merge moves the merged
 * subtree's sums from its old ancestors to its new ones.
 */
@Entity({ name: 'rm_subtree_stats' })
export class SubtreeStatEntity extends MonthTotals {
  @PrimaryColumn({ name: 'ancestor_id', type: 'text' })
  ancestorId!: string;

  @PrimaryColumn({ name: 'year', type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'field', type: 'text' })
  field!: string;

  @PrimaryColumn({ name: 'metric', type: 'text' })
  metric!: string;
}
