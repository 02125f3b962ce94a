import type { DataSource } from 'typeorm';
import { UnitEntity } from '../entities/unit.entity.js';
import { requireUnit } from './unit-lookup.js';
import type { UnitView } from './views.js';

export class UnitsReader {
  constructor(private readonly dataSource: DataSource) {}

  /** A unit with its current direct children; DomainError UNIT_NOT_FOUND otherwise. */
  async unit(unitId: string): Promise<UnitView> {
    const unit = await requireUnit(this.dataSource, unitId, 'unitId');
    const children = await this.dataSource
      .getRepository(UnitEntity)
      .createQueryBuilder('u')
      .select('u.unitId', 'unitId')
      .where('u.parentId = :unitId', { unitId })
      .orderBy('u.unitId', 'ASC')
      .getRawMany<{ unitId: string }>();
    return {
      id: unit.unitId,
      name: unit.name,
      kind: unit.kind,
      parentId: unit.parentId,
      mergedInto: unit.mergedInto,
      mergedOn: unit.mergedOn,
      children: children.map((c) => c.unitId),
    };
  }
}
