import { DomainError, DomainErrorCode } from '#domain';
import type { DataSource } from 'typeorm';
import { PhaseEntity } from '../entities/phase.entity.js';
import type { PhaseView } from './views.js';

const toView = (p: PhaseEntity): PhaseView => ({
  phaseId: p.phaseId,
  name: p.name,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

export class PhasesReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Every phase, by start date then id (phases are few: no paging). */
  async phases(): Promise<PhaseView[]> {
    const rows = await this.dataSource
      .getRepository(PhaseEntity)
      .find({ order: { startsOn: 'ASC', phaseId: 'ASC' } });
    return rows.map(toView);
  }

  /** One phase; DomainError PHASE_NOT_FOUND otherwise. */
  async phase(phaseId: string): Promise<PhaseView> {
    const phase = await this.dataSource.getRepository(PhaseEntity).findOneBy({ phaseId });
    if (phase === null) {
      throw new DomainError(DomainErrorCode.PHASE_NOT_FOUND, `Phase ${phaseId} is not defined`, 'phaseId');
    }
    return toView(phase);
  }
}
