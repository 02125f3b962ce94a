import type { AwardGranted, AwardRevoked } from '../awards/award.events.js';
import type { IsoDate } from '../dates.js';
import type { UnitEvent } from '../units/unit.events.js';

/**
 * The unit tree as the log builds it, for audits that must not rely on a projection:
 * each unit's parent and the unit it merged into. Small (one entry per unit).
 */
export class UnitTreeReplay {
  private readonly parents = new Map<string, string | null>();
  private readonly mergedInto = new Map<string, string>();

  apply(event: UnitEvent): void {
    if (event.type === 'UnitRegistered') this.parents.set(event.data.unitId, event.data.parentId);
    else this.mergedInto.set(event.data.unitId, event.data.intoUnitId);
  }

  has(unitId: string): boolean {
    return this.parents.has(unitId);
  }

  /**
   * Whether `unitId` lies in `rootId`'s subtree of the current tree: a merged unit counts
   * under the unit it merged into (its facts do, API.md), then up that unit's parents.
   */
  isInSubtree(rootId: string, unitId: string): boolean {
    const seen = new Set<string>();
    for (let current: string | null | undefined = unitId; current != null && !seen.has(current); ) {
      if (current === rootId) return true;
      seen.add(current);
      current = this.mergedInto.get(current) ?? this.parents.get(current);
    }
    return false;
  }
}

/**
 * In force on `asOf`: decided on or before it, and not revoked on or before it. Business
 * dates decide, not when the decisions were recorded: a revocation recorded today of a
 * decision dated last year still means the award was in force until that date.
 */
export function isInForceOn(asOf: IsoDate, decidedOn: IsoDate, revokedOn: IsoDate | undefined): boolean {
  return decidedOn <= asOf && (revokedOn === undefined || revokedOn > asOf);
}

/** The business date of an award event: the date of its decision. */
export function awardEventDate(event: AwardGranted | AwardRevoked): IsoDate {
  return event.type === 'AwardGranted' ? event.data.decidedOn : event.data.revokedOn;
}
