import { DomainError, DomainErrorCode } from '#domain';
import type { DataSource } from 'typeorm';
import { ModelEntity } from '../entities/model.entity.js';
import { encodeCursor } from './cursor.js';
import { subtreeIdsSql } from './subtree.js';
import { requireUnit } from './unit-lookup.js';
import type { ModelView, PageView } from './views.js';

export const MODEL_STATUSES = ['registered', 'recognized', 'exemplary', 'withdrawn'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export interface ModelFilter {
  /** The unit's current subtree. */
  readonly unitId?: string | undefined;
  readonly field?: string | undefined;
  readonly status?: ModelStatus | undefined;
  readonly limit: number;
  /** The id the page starts after (a decoded cursor). */
  readonly afterId?: string | undefined;
}

const toView = (m: ModelEntity): ModelView => ({
  modelId: m.modelId,
  unitId: m.unitId,
  title: m.title,
  field: m.field,
  holderKind: m.holderKind,
  holderName: m.holderName,
  registeredOn: m.registeredOn,
  status: m.status,
  recognizedOn: m.recognizedOn,
  recognizedBy: m.recognizedBy,
  recognitionDecision: m.recognitionDecision,
  exemplaryOn: m.exemplaryOn,
  exemplaryBy: m.exemplaryBy,
  exemplaryDecision: m.exemplaryDecision,
  withdrawnOn: m.withdrawnOn,
  withdrawalReason: m.withdrawalReason,
  position: m.position,
});

export class ModelsReader {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A page of models in id order (keyset: stable under concurrent inserts, no offset
   * scan). Throws UNIT_NOT_FOUND when the unit filter names no unit.
   */
  async models(filter: ModelFilter): Promise<PageView<ModelView>> {
    if (filter.unitId !== undefined) await requireUnit(this.dataSource, filter.unitId, 'unit');
    const query = this.dataSource
      .getRepository(ModelEntity)
      .createQueryBuilder('m')
      .orderBy('m.modelId', 'ASC')
      .limit(filter.limit + 1);
    if (filter.unitId !== undefined) query.andWhere(`m.unitId IN (${subtreeIdsSql(':unitId')})`, { unitId: filter.unitId });
    if (filter.field !== undefined) query.andWhere('m.field = :field', { field: filter.field });
    if (filter.status !== undefined) query.andWhere('m.status = :status', { status: filter.status });
    if (filter.afterId !== undefined) query.andWhere('m.modelId > :afterId', { afterId: filter.afterId });
    const rows = await query.getMany();
    const items = rows.slice(0, filter.limit).map(toView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor('models', last.modelId) : null };
  }

  /** One model; DomainError MODEL_NOT_FOUND otherwise. */
  async model(modelId: string): Promise<ModelView> {
    const model = await this.dataSource.getRepository(ModelEntity).findOneBy({ modelId });
    if (model === null) {
      throw new DomainError(DomainErrorCode.MODEL_NOT_FOUND, `Model ${modelId} does not exist`, 'modelId');
    }
    return toView(model);
  }
}
