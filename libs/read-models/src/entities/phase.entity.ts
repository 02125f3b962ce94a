import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_phases: the defined phases (giai đoạn); bounds are inclusive business dates. */
@Entity({ name: 'rm_phases' })
export class PhaseEntity {
  @PrimaryColumn({ name: 'phase_id', type: 'text' })
  phaseId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;
}
