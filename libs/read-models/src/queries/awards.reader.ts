import { DomainError, DomainErrorCode } from '#domain';
import type { DataSource } from 'typeorm';
import { AwardEntity } from '../entities/award.entity.js';
import { encodeCursor } from './cursor.js';
import { subtreeIdsSql } from './subtree.js';
import { requireUnit } from './unit-lookup.js';
import type { AwardView, PageView } from './views.js';

export interface AwardFilter {
  /** The recipient unit's current subtree. */
  readonly unitId?: string | undefined;
  /** A case-insensitive substring of the recipient's name (normalised to NFC here). */
  readonly recipient?: string | undefined;
  readonly form?: string | undefined;
  /** Inclusive bounds on decided_on, YYYY-MM-DD. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly afterId?: string | undefined;
}

const toView = (a: AwardEntity): AwardView => ({
  awardId: a.awardId,
  recipientKind: a.recipientKind,
  recipientName: a.recipientName,
  recipientUnitId: a.recipientUnitId,
  form: a.form,
  issuerUnitId: a.issuerUnitId,
  decisionNo: a.decisionNo,
  decidedOn: a.decidedOn,
  movement: a.movement,
  modelId: a.modelId,
  field: a.field,
  status: a.status,
  revokedOn: a.revokedOn,
  revocationDecisionNo: a.revocationDecisionNo,
  revocationReason: a.revocationReason,
  position: a.position,
});

export class AwardsReader {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A page of awards (revoked ones included, with their status) in id order. The name
   * match lower-cases both sides in the database, which folds Vietnamese letters (Đ/đ,
   * Ễ/ễ) under any UTF-8 ctype; names are stored in NFC and the search text is
   * normalised to NFC, so a decomposed "Nguyễn" finds a precomposed one.
   */
  async awards(filter: AwardFilter): Promise<PageView<AwardView>> {
    if (filter.unitId !== undefined) await requireUnit(this.dataSource, filter.unitId, 'unit');
    const query = this.dataSource
      .getRepository(AwardEntity)
      .createQueryBuilder('a')
      .orderBy('a.awardId', 'ASC')
      .limit(filter.limit + 1);
    if (filter.unitId !== undefined) {
      query.andWhere(`a.recipientUnitId IN (${subtreeIdsSql(':unitId')})`, { unitId: filter.unitId });
    }
    if (filter.recipient !== undefined) {
      query.andWhere('strpos(lower(a.recipientName), lower(CAST(:recipient AS text))) > 0', {
        recipient: filter.recipient.normalize('NFC'),
      });
    }
    if (filter.form !== undefined) query.andWhere('a.form = :form', { form: filter.form });
    if (filter.from !== undefined) query.andWhere('a.decidedOn >= CAST(:from AS date)', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('a.decidedOn <= CAST(:to AS date)', { to: filter.to });
    if (filter.afterId !== undefined) query.andWhere('a.awardId > :afterId', { afterId: filter.afterId });
    const rows = await query.getMany();
    const items = rows.slice(0, filter.limit).map(toView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor('awards', last.awardId) : null };
  }

  /** One award; DomainError AWARD_NOT_FOUND otherwise. */
  async award(awardId: string): Promise<AwardView> {
    const award = await this.dataSource.getRepository(AwardEntity).findOneBy({ awardId });
    if (award === null) {
      throw new DomainError(DomainErrorCode.AWARD_NOT_FOUND, `Award ${awardId} does not exist`, 'awardId');
    }
    return toView(award);
  }
}
