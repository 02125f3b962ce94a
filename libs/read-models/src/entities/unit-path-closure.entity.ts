import { Entity, PrimaryColumn } from 'typeorm';

/**
 * rm_unit_path_closure: for each version of a unit's ancestor path, one row per ancestor
 * (the unit itself included). The as-recorded view sums facts through it.
 */
@Entity({ name: 'rm_unit_path_closure' })
export class UnitPathClosureEntity {
  @PrimaryColumn({ name: 'ancestor_id', type: 'text' })
  ancestorId!: string;

  @PrimaryColumn({ name: 'descendant_id', type: 'text' })
  descendantId!: string;

  @PrimaryColumn({ name: 'path_version', type: 'integer' })
  pathVersion!: number;
}
