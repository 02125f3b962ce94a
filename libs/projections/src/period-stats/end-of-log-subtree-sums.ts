import { keyRest, MonthSumRows } from './month-sum-rows.js';

/** Where a merge made rows of rm_subtree_stats: ancestor, then year, field and metric. */
export type SubtreeRowsMade = readonly (readonly [ancestorId: string, ...rest: string[]])[];

const NO_MONTHS = new Float64Array(12);

/**
 * rm_subtree_stats of a whole log, summed once at its end from the year rows (rm_year_stats)
 * and the unit tree as it ends, not fact by fact: adding each fact at its unit's strict
 * ancestors (2,000,000 additions a rebuild of 1,000,000 events) cost ~2 s of the pass.
 *
 * The live batches add each fact at the ancestors its unit has then (a fact recorded before
 * its unit's registration, when the unit is registered), and a merge moves the merged
 * subtree's sums from the ancestors it loses to those it gains (unit-tree.ts). That comes to
 * the year rows of each unit summed at its ancestors at the end of the log, but for the rows
 * a merge made: the ancestors a subtree left keep a row for each of its keys (holding zeros),
 * and those it joined get one even where its sums are nought. Those rows are noted as the
 * merges come.
 */
export class EndOfLogSubtreeSums {
  /** ancestor → subtree key ids (in `rows`) of the rows merges made there. */
  private readonly made = new Map<string, Set<number>>();
  /** year-row key id → the subtree key id of its year, field and metric; -1 until asked. */
  private readonly subtreeIdOfOwn: number[] = [];
  private readonly rows = new MonthSumRows('rm_subtree_stats', [
    { name: 'ancestor_id', type: 'text' },
    { name: 'year', type: 'integer' },
    { name: 'field', type: 'text' },
    { name: 'metric', type: 'text' },
  ]);

  private summed = false;

  constructor(private readonly own: MonthSumRows) {}

  /**
   * Before `mergedUnitId` merges: `units` is its subtree, itself included, and `ancestors`
   * those the subtree loses and those it gains. Each of them gets a row per key the moved
   * sums have: the year rows of the subtree's units so far, and the rows made at the merged
   * unit by earlier merges.
   */
  merging(mergedUnitId: string, units: Iterable<string>, ancestors: readonly string[]): void {
    if (ancestors.length === 0) return;
    const keys = new Set<number>(this.made.get(mergedUnitId));
    for (const unitId of units) this.own.eachRowOf(unitId, (restId) => keys.add(this.subtreeIdOf(restId)));
    for (const ancestorId of ancestors) {
      let made = this.made.get(ancestorId);
      if (made === undefined) this.made.set(ancestorId, (made = new Set()));
      for (const key of keys) made.add(key);
    }
  }

  /** The rows merges made, to hand to another share's fold (see adoptRowsMade). */
  rowsMade(): SubtreeRowsMade {
    const made: [string, ...string[]][] = [];
    for (const [ancestorId, keys] of this.made) for (const key of keys) made.push([ancestorId, ...this.rows.restParts(key)]);
    return made;
  }

  /** Adds the rows another share's merges made: a merge's keys are those of every share's year rows. */
  adoptRowsMade(made: SubtreeRowsMade): void {
    for (const [ancestorId, ...rest] of made) {
      let keys = this.made.get(ancestorId);
      if (keys === undefined) this.made.set(ancestorId, (keys = new Set()));
      keys.add(this.rows.restId(keyRest(...rest)));
    }
  }

  /**
   * Sums the rows, once the year rows are whole, up the tree as the log ends (`bottomUp`:
   * each unit with the one just above it, the deepest first): a unit's year rows and its
   * subtree rows add into the unit above it, so each year row is added once, not once per
   * ancestor.
   */
  sum(bottomUp: Iterable<readonly [unitId: string, above: string | undefined]>): MonthSumRows {
    if (this.summed) throw new Error('The subtree sums are summed once, at the end of the log');
    this.summed = true;
    for (const [unitId, above] of bottomUp) {
      if (above === undefined) continue;
      this.own.eachRowOf(unitId, (restId, months, from) => this.rows.addMonths(above, this.subtreeIdOf(restId), months, from));
      this.rows.eachRowOf(unitId, (key, months, from) => this.rows.addMonths(above, key, months, from));
    }
    // Last: added before, the rows merges made would be carried up the tree, to ancestors
    // where the live batches have no such row.
    for (const [ancestorId, keys] of this.made) for (const key of keys) this.rows.addMonths(ancestorId, key, NO_MONTHS);
    return this.rows;
  }

  private subtreeIdOf(ownId: number): number {
    let id = this.subtreeIdOfOwn[ownId] ?? -1;
    if (id < 0) {
      const [year, , field, metric] = this.own.restParts(ownId);
      this.subtreeIdOfOwn[ownId] = id = this.rows.restId(keyRest(year!, field!, metric!));
    }
    return id;
  }
}
