import type { DomainEventOf } from '#domain';
import type { SqlClient } from '#event-store';
import { copyInto } from '../sql/copy-into.js';
import type { Column } from '../sql/unnest-upsert.js';

type UnitRegistration = DomainEventOf<'UnitRegistered'>['data'];
type UnitMerge = DomainEventOf<'UnitMerged'>['data'];

interface UnitRow {
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

interface ClosureRow {
  readonly ancestorId: string;
  readonly descendantId: string;
  readonly depth: number;
}

interface PathRow {
  readonly ancestorId: string;
  readonly descendantId: string;
  readonly pathVersion: number;
}

const UNIT_COLUMNS: Column<UnitRow>[] = [
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
const CLOSURE_COLUMNS: Column<ClosureRow>[] = [
  { name: 'ancestor_id', type: 'text', value: (r) => r.ancestorId },
  { name: 'descendant_id', type: 'text', value: (r) => r.descendantId },
  { name: 'depth', type: 'integer', value: (r) => r.depth },
];
const PATH_COLUMNS: Column<PathRow>[] = [
  { name: 'ancestor_id', type: 'text', value: (r) => r.ancestorId },
  { name: 'descendant_id', type: 'text', value: (r) => r.descendantId },
  { name: 'path_version', type: 'integer', value: (r) => r.pathVersion },
];

/**
 * The unit tree of a whole log in memory, for a rebuild's first pass: the same closure
 * operations as the SQL of unit-tree.ts (a registration copies its parent's ancestors one
 * step further; a merge detaches the merged subtree from the ancestors outside it, hangs it
 * under the new parent and gives each moved unit a new path version), written once.
 */
export class InMemoryUnitTree {
  private readonly units = new Map<string, UnitRow>();
  /** descendant → (ancestor → depth), the unit itself at depth 0. */
  private readonly ancestors = new Map<string, Map<string, number>>();
  private readonly paths: PathRow[] = [];

  pathVersionOf(unitId: string): number {
    return this.units.get(unitId)?.pathVersion ?? 0;
  }

  register(unit: UnitRegistration): void {
    if (this.units.has(unit.unitId)) return; // as the SQL's ON CONFLICT DO NOTHING
    this.units.set(unit.unitId, {
      unitId: unit.unitId,
      name: unit.name,
      kind: unit.kind,
      registeredParentId: unit.parentId,
      parentId: unit.parentId,
      mergedInto: null,
      mergedOn: null,
      mergeDecisionNo: null,
      pathVersion: 0,
    });
    const own = new Map<string, number>([[unit.unitId, 0]]);
    const parentAncestors = unit.parentId ? this.ancestors.get(unit.parentId) : undefined;
    for (const [ancestorId, depth] of parentAncestors ?? []) if (!own.has(ancestorId)) own.set(ancestorId, depth + 1);
    this.ancestors.set(unit.unitId, own);
    this.recordPaths(unit.unitId);
  }

  merge(merge: UnitMerge): void {
    const unit = this.units.get(merge.unitId);
    if (unit) {
      unit.mergedInto = merge.intoUnitId;
      unit.parentId = merge.intoUnitId;
      unit.mergedOn = merge.effectiveOn;
      unit.mergeDecisionNo = merge.decisionNo ?? null;
    }
    const subtree = new Map<string, number>(); // descendant → its depth below the merged unit
    for (const [descendantId, ancestors] of this.ancestors) {
      const depth = ancestors.get(merge.unitId);
      if (depth !== undefined) subtree.set(descendantId, depth);
    }
    const above = this.ancestors.get(merge.intoUnitId) ?? new Map<string, number>();
    for (const [descendantId, below] of subtree) {
      const ancestors = this.ancestors.get(descendantId)!;
      for (const ancestorId of [...ancestors.keys()]) if (!subtree.has(ancestorId)) ancestors.delete(ancestorId);
      for (const [ancestorId, depth] of above) if (!ancestors.has(ancestorId)) ancestors.set(ancestorId, depth + below + 1);
    }
    for (const descendantId of subtree.keys()) {
      const moved = this.units.get(descendantId);
      if (!moved) continue;
      moved.pathVersion += 1;
      this.recordPaths(descendantId);
    }
  }

  async write(tx: SqlClient): Promise<void> {
    await copyInto(tx, 'rm_units', UNIT_COLUMNS, [...this.units.values()]);
    const closure: ClosureRow[] = [];
    for (const [descendantId, ancestors] of this.ancestors) {
      for (const [ancestorId, depth] of ancestors) closure.push({ ancestorId, descendantId, depth });
    }
    await copyInto(tx, 'rm_unit_closure', CLOSURE_COLUMNS, closure);
    await copyInto(tx, 'rm_unit_path_closure', PATH_COLUMNS, this.paths);
  }

  /** The unit's current ancestor path under its current version (the path-closure rows). */
  private recordPaths(unitId: string): void {
    const pathVersion = this.pathVersionOf(unitId);
    for (const ancestorId of this.ancestors.get(unitId)!.keys()) this.paths.push({ ancestorId, descendantId: unitId, pathVersion });
  }
}
