import { DomainError, DomainErrorCode } from '#domain';
import type { DataSource } from 'typeorm';
import { UnitEntity } from '../entities/unit.entity.js';

/** The unit with `unitId`; DomainError UNIT_NOT_FOUND (404) about `field` otherwise. */
export async function requireUnit(dataSource: DataSource, unitId: string, field?: string): Promise<UnitEntity> {
  const unit = await dataSource.getRepository(UnitEntity).findOneBy({ unitId });
  if (unit === null) throw unitNotFound(unitId, field);
  return unit;
}

export function unitNotFound(unitId: string, field?: string): DomainError {
  return new DomainError(DomainErrorCode.UNIT_NOT_FOUND, `Unit ${unitId} does not exist`, field);
}
