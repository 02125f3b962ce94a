import { AwardEntity } from './award.entity.js';
import { LedgerEntryEntity } from './ledger-entry.entity.js';
import { ModelEntity } from './model.entity.js';
import { YearStatEntity } from './year-stat.entity.js';
import { PhaseEntity } from './phase.entity.js';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity.js';
import { RebuildEntity } from './rebuild.entity.js';
import { SubtreeStatEntity } from './subtree-stat.entity.js';
import { UnitClosureEntity } from './unit-closure.entity.js';
import { UnitPathClosureEntity } from './unit-path-closure.entity.js';
import { UnitEntity } from './unit.entity.js';

export {
  AwardEntity,
  LedgerEntryEntity,
  ModelEntity,
  YearStatEntity,
  PhaseEntity,
  ProjectionCheckpointEntity,
  RebuildEntity,
  SubtreeStatEntity,
  UnitClosureEntity,
  UnitEntity,
  UnitPathClosureEntity,
};

/**
 * Every TypeORM entity of the read models, mapped column for column onto the tables the
 * migrations create (the schema changes only by migrations: no synchronize). Dates are
 * `YYYY-MM-DD` strings, numerics and int8 exact decimal strings (see #event-store's type
 * parsers).
 */
export const READ_MODEL_ENTITIES: Function[] = [
  ProjectionCheckpointEntity,
  RebuildEntity,
  UnitEntity,
  UnitClosureEntity,
  UnitPathClosureEntity,
  PhaseEntity,
  ModelEntity,
  AwardEntity,
  LedgerEntryEntity,
  YearStatEntity,
  SubtreeStatEntity,
];
