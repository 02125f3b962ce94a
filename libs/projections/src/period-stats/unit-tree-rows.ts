import type { DomainEventOf } from '#domain';
import type { Column } from '../sql/unnest-upsert.js';

/** Rows of the unit-tree tables, as both the live batches (SQL) and a rebuild's first pass (memory) write them. */
export interface UnitRow {
  readonly unitId: string;
  readonly name: string;
  readonly kind: string;
  readonly registeredParentId: string | null;
  parentId: string | null;
  mergedInto: string | null;
  mergedOn: string | null;
  mergeDecisionNo: string | null;
  pathVersion: number;
}

export interface ClosureRow {
  readonly ancestorId: string;
  readonly descendantId: string;
  readonly depth: number;
}

export interface PathRow {
  readonly ancestorId: string;
  readonly descendantId: string;
  readonly pathVersion: number;
}

/** A unit as registered: under its parent, not merged, its path at version 0. */
export function registeredUnit(unit: DomainEventOf<'UnitRegistered'>['data']): UnitRow {
  return {
    unitId: unit.unitId,
    name: unit.name,
    kind: unit.kind,
    registeredParentId: unit.parentId,
    parentId: unit.parentId,
    mergedInto: null,
    mergedOn: null,
    mergeDecisionNo: null,
    pathVersion: 0,
  };
}

export const UNIT_COLUMNS: Column<UnitRow>[] = [
  { name: 'unit_id', type: 'text', value: (u) => u.unitId },
  { name: 'name', type: 'text', value: (u) => u.name },
  { name: 'kind', type: 'text', value: (u) => u.kind },
  { name: 'registered_parent_id', type: 'text', value: (u) => u.registeredParentId },
  { name: 'parent_id', type: 'text', value: (u) => u.parentId },
  { name: 'merged_into', type: 'text', value: (u) => u.mergedInto },
  { name: 'merged_on', type: 'date', value: (u) => u.mergedOn },
  { name: 'merge_decision_no', type: 'text', value: (u) => u.mergeDecisionNo },
  { name: 'path_version', type: 'integer', value: (u) => u.pathVersion },
];

export const CLOSURE_COLUMNS: Column<ClosureRow>[] = [
  { name: 'ancestor_id', type: 'text', value: (r) => r.ancestorId },
  { name: 'descendant_id', type: 'text', value: (r) => r.descendantId },
  { name: 'depth', type: 'integer', value: (r) => r.depth },
];

export const PATH_COLUMNS: Column<PathRow>[] = [
  { name: 'ancestor_id', type: 'text', value: (r) => r.ancestorId },
  { name: 'descendant_id', type: 'text', value: (r) => r.descendantId },
  { name: 'path_version', type: 'integer', value: (r) => r.pathVersion },
];
