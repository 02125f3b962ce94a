import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_projection_checkpoints: how far each projection has read the log. */
@Entity({ name: 'rm_projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ name: 'projection', type: 'text' })
  projection!: string;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'checkpoint', type: 'text' })
  checkpoint!: string;

  /** int8, as a decimal string. */
  @Column({ name: 'position', type: 'bigint' })
  position!: string;

  @Column({ name: 'events_processed', type: 'bigint', default: '0' })
  eventsProcessed!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
