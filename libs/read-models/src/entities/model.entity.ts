import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_models: one row per model (mô hình) with its current status. Dates are YYYY-MM-DD. */
@Entity({ name: 'rm_models' })
export class ModelEntity {
  @PrimaryColumn({ name: 'model_id', type: 'text' })
  modelId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Column({ name: 'field', type: 'text' })
  field!: string;

  @Column({ name: 'holder_kind', type: 'text' })
  holderKind!: string;

  @Column({ name: 'holder_name', type: 'text' })
  holderName!: string;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn!: string;

  /** registered | recognized | exemplary | withdrawn */
  @Column({ name: 'status', type: 'text' })
  status!: string;

  @Column({ name: 'recognized_on', type: 'date', nullable: true })
  recognizedOn!: string | null;

  @Column({ name: 'recognized_by', type: 'text', nullable: true })
  recognizedBy!: string | null;

  @Column({ name: 'recognition_decision', type: 'text', nullable: true })
  recognitionDecision!: string | null;

  @Column({ name: 'exemplary_on', type: 'date', nullable: true })
  exemplaryOn!: string | null;

  @Column({ name: 'exemplary_by', type: 'text', nullable: true })
  exemplaryBy!: string | null;

  @Column({ name: 'exemplary_decision', type: 'text', nullable: true })
  exemplaryDecision!: string | null;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn!: string | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason!: string | null;

  /** Log position of the last event applied (a decimal string: int8 exceeds 2^53). */
  @Column({ name: 'position', type: 'bigint' })
  position!: string;
}
