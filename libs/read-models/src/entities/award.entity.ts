import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_awards: one row per award (khen thưởng), revoked ones included. Dates are YYYY-MM-DD. */
@Entity({ name: 'rm_awards' })
export class AwardEntity {
  @PrimaryColumn({ name: 'award_id', type: 'text' })
  awardId!: string;

  @Column({ name: 'recipient_kind', type: 'text' })
  recipientKind!: string;

  /** NFC. */
  @Column({ name: 'recipient_name', type: 'text' })
  recipientName!: string;

  @Column({ name: 'recipient_unit_id', type: 'text' })
  recipientUnitId!: string;

  @Column({ name: 'form', type: 'text' })
  form!: string;

  @Column({ name: 'issuer_unit_id', type: 'text' })
  issuerUnitId!: string;

  @Column({ name: 'decision_no', type: 'text' })
  decisionNo!: string;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn!: string;

  @Column({ name: 'movement', type: 'text' })
  movement!: string;

  @Column({ name: 'model_id', type: 'text', nullable: true })
  modelId!: string | null;

  /** The model's field, or `unclassified`. */
  @Column({ name: 'field', type: 'text' })
  field!: string;

  /** granted | revoked */
  @Column({ name: 'status', type: 'text' })
  status!: string;

  @Column({ name: 'revoked_on', type: 'date', nullable: true })
  revokedOn!: string | null;

  @Column({ name: 'revocation_decision_no', type: 'text', nullable: true })
  revocationDecisionNo!: string | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;

  /** Log position of the last event applied (a decimal string). */
  @Column({ name: 'position', type: 'bigint' })
  position!: string;

  /** Version of the recording unit's ancestor path when the fact was recorded. */
  @Column({ name: 'path_version', type: 'integer' })
  pathVersion!: number;
}
