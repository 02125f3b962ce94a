import type { PhaseSpan } from '#domain';
import type { DataSource } from 'typeorm';
import { PhaseEntity } from '../entities/phase.entity.js';

/**
 * The dates of phases, read once each: a phase, once defined, never changes (defining it
 * again is PHASE_ALREADY_EXISTS), so a stats query for a known phase costs no round trip
 * of its own. Only phases found are kept, so the map holds no more than the phase table.
 */
export class PhaseSpans {
  private readonly known = new Map<string, PhaseSpan>();

  constructor(private readonly dataSource: DataSource) {}

  /** The spans of those of `phaseIds` that are defined, each once. */
  async of(phaseIds: readonly string[]): Promise<PhaseSpan[]> {
    const wanted = [...new Set(phaseIds)];
    const missing = wanted.filter((id) => !this.known.has(id));
    if (missing.length > 0) {
      const rows = await this.dataSource
        .getRepository(PhaseEntity)
        .createQueryBuilder('p')
        .where('p.phaseId IN (:...missing)', { missing })
        .getMany();
      for (const p of rows) this.known.set(p.phaseId, { phaseId: p.phaseId, startsOn: p.startsOn, endsOn: p.endsOn });
    }
    return wanted.flatMap((id) => this.known.get(id) ?? []);
  }
}
