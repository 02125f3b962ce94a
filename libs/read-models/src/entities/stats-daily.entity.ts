import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_stats_daily: one number per day × unit × field × metric. */
@Entity({ name: 'rm_stats_daily' })
export class StatsDailyEntity {
  @PrimaryColumn({ name: 'day', type: 'date' })
  day!: string;

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
