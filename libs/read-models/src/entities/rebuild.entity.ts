import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_rebuilds: one row per rebuild of a projection (see the rebuild journal). */
@Entity({ name: 'rm_rebuilds' })
export class RebuildEntity {
  @PrimaryColumn({ name: 'rebuild_id', type: 'text' })
  rebuildId!: string;

  @Column({ name: 'projection', type: 'text' })
  projection!: string;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  /** `running`, `done` or `failed`. */
  @Column({ name: 'status', type: 'text' })
  status!: string;

  /** int8, as decimal strings. */
  @Column({ name: 'processed', type: 'bigint', default: '0' })
  processed!: string;

  @Column({ name: 'total', type: 'bigint', default: '0' })
  total!: string;

  @Column({ name: 'events_per_sec', type: 'integer', default: 0 })
  eventsPerSec!: number;

  @Column({ name: 'eta_seconds', type: 'integer', nullable: true })
  etaSeconds!: number | null;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;
}
