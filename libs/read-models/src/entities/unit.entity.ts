import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_units: every unit as it stands now (a merged unit keeps its row). */
@Entity({ name: 'rm_units' })
export class UnitEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  /** The parent named when the unit was registered. */
  @Column({ name: 'registered_parent_id', type: 'text', nullable: true })
  registeredParentId!: string | null;

  /** The parent in the current tree (after merges). */
  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  @Column({ name: 'merged_into', type: 'text', nullable: true })
  mergedInto!: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'merged_on', type: 'date', nullable: true })
  mergedOn!: string | null;

  @Column({ name: 'merge_decision_no', type: 'text', nullable: true })
  mergeDecisionNo!: string | null;

  /** Bumped each time the unit's ancestor path changes (a merge above it). */
  @Column({ name: 'path_version', type: 'integer', default: 0 })
  pathVersion!: number;
}
