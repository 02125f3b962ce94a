import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_unit_closure: one row per (ancestor, descendant) pair of the current unit tree. */
@Entity({ name: 'rm_unit_closure' })
export class UnitClosureEntity {
  @PrimaryColumn({ name: 'ancestor_id', type: 'text' })
  ancestorId!: string;

  @PrimaryColumn({ name: 'descendant_id', type: 'text' })
  descendantId!: string;

  /** 0 for a unit and itself. */
  @Column({ name: 'depth', type: 'integer' })
  depth!: number;
}
