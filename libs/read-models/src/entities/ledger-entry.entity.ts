import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_ledger_entries: workdays and contributions, voided ones kept with `voided`. */
@Entity({ name: 'rm_ledger_entries' })
export class LedgerEntryEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @PrimaryColumn({ name: 'entry_id', type: 'text' })
  entryId!: string;

  /** workdays | contribution */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'metric', type: 'text' })
  metric!: string;

  /** numeric, as an exact decimal string. */
  @Column({ name: 'quantity', type: 'numeric' })
  quantity!: string;

  @Column({ name: 'on_date', type: 'date' })
  onDate!: string;

  @Column({ name: 'field', type: 'text' })
  field!: string;

  @Column({ name: 'model_id', type: 'text', nullable: true })
  modelId!: string | null;

  @Column({ name: 'voided', type: 'boolean', default: false })
  voided!: boolean;

  /** Version of the recording unit's ancestor path when the fact was recorded. */
  @Column({ name: 'path_version', type: 'integer' })
  pathVersion!: number;
}
