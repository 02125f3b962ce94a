import type { DomainEventOf } from '#domain';
import type { SqlClient } from '#event-store';
import { copyInto } from '../sql/copy-into.js';
import { CLOSURE_COLUMNS, PATH_COLUMNS, registeredUnit, UNIT_COLUMNS, type ClosureRow, type PathRow, type UnitRow } from './unit-tree-rows.js';

type UnitRegistration = DomainEventOf<'UnitRegistered'>['data'];
type UnitMerge = DomainEventOf<'UnitMerged'>['data'];

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
  /**
   * The same pairs the other way round, ancestor → (descendant → depth): a merge finds the
   * merged subtree without looking at every unit (~0.5 s a rebuild of 500 merges of 10,000).
   */
  private readonly descendants = new Map<string, Map<string, number>>();
  private readonly paths: PathRow[] = [];

  pathVersionOf(unitId: string): number {
    return this.units.get(unitId)?.pathVersion ?? 0;
  }

  /** Each unit with the unit just above it now (none for a top), the deepest first. */
  bottomUp(): (readonly [unitId: string, above: string | undefined])[] {
    const units = [...this.ancestors].map(([unitId, ancestors]) => {
      let above: string | undefined;
      for (const [ancestorId, depth] of ancestors) if (depth === 1) above = ancestorId;
      return { unitId, above, depth: ancestors.size };
    });
    return units.sort((a, b) => b.depth - a.depth).map(({ unitId, above }) => [unitId, above] as const);
  }

  /** The unit and every unit below it now (none for a unit not in the tree). */
  unitsUnder(unitId: string): Iterable<string> {
    return this.descendants.get(unitId)?.keys() ?? [];
  }

  /**
   * The ancestors a merge takes from the merged unit's subtree and those it gives it (those
   * it keeps in neither): the strict ancestors of `unitId`, and `intoUnitId` with its own.
   */
  ancestorShift(unitId: string, intoUnitId: string): { losing: string[]; gaining: string[] } {
    const ancestors = this.ancestors.get(unitId);
    if (ancestors === undefined) return { losing: [], gaining: [] };
    const old = new Set([...ancestors].filter(([, depth]) => depth > 0).map(([ancestorId]) => ancestorId));
    const into = new Set(this.ancestors.get(intoUnitId)?.keys() ?? []);
    return { losing: [...old].filter((id) => !into.has(id)), gaining: [...into].filter((id) => !old.has(id)) };
  }

  register(unit: UnitRegistration): void {
    if (this.units.has(unit.unitId)) return; // as the SQL's ON CONFLICT DO NOTHING
    this.units.set(unit.unitId, registeredUnit(unit));
    const own = new Map<string, number>([[unit.unitId, 0]]);
    const parentAncestors = unit.parentId ? this.ancestors.get(unit.parentId) : undefined;
    for (const [ancestorId, depth] of parentAncestors ?? []) if (!own.has(ancestorId)) own.set(ancestorId, depth + 1);
    this.ancestors.set(unit.unitId, own);
    for (const [ancestorId, depth] of own) this.link(ancestorId, unit.unitId, depth);
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
    // descendant → its depth below the merged unit
    const subtree = new Map<string, number>(this.descendants.get(merge.unitId));
    const above = this.ancestors.get(merge.intoUnitId) ?? new Map<string, number>();
    for (const [descendantId, below] of subtree) {
      const ancestors = this.ancestors.get(descendantId)!;
      for (const ancestorId of [...ancestors.keys()]) {
        if (subtree.has(ancestorId)) continue;
        ancestors.delete(ancestorId);
        this.descendants.get(ancestorId)!.delete(descendantId);
      }
      for (const [ancestorId, depth] of above) {
        if (ancestors.has(ancestorId)) continue;
        ancestors.set(ancestorId, depth + below + 1);
        this.link(ancestorId, descendantId, depth + below + 1);
      }
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

  private link(ancestorId: string, descendantId: string, depth: number): void {
    let below = this.descendants.get(ancestorId);
    if (below === undefined) this.descendants.set(ancestorId, (below = new Map()));
    below.set(descendantId, depth);
  }

  /** The unit's current ancestor path under its current version (the path-closure rows). */
  private recordPaths(unitId: string): void {
    const pathVersion = this.pathVersionOf(unitId);
    for (const ancestorId of this.ancestors.get(unitId)!.keys()) this.paths.push({ ancestorId, descendantId: unitId, pathVersion });
  }
}
