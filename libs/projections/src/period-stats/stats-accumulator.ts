import { storedCalendarKeysFor } from '#read-models';

/**
 * One change to one statistic: `amount` of `metric` on `day`, recorded at `unitId` while
 * that unit's ancestor path was at `pathVersion`.
 */
export interface StatDelta {
  readonly day: string;
  readonly unitId: string;
  readonly pathVersion: number;
  readonly field: string;
  readonly metric: string;
  readonly amount: number;
}

export interface StatRow {
  readonly key: string;
  readonly unitId: string;
  readonly pathVersion: number;
  readonly field: string;
  readonly metric: string;
  value: number;
}

/**
 * Sums a batch's deltas in memory, per stored period (the day's year and month), so each
 * row is written once per batch however many events touched it.
 */
export class StatsAccumulator {
  private readonly rows = new Map<string, StatRow>();

  add(delta: StatDelta): void {
    for (const key of storedCalendarKeysFor(delta.day)) {
      const id = `${key}\u0000${delta.unitId}\u0000${delta.pathVersion}\u0000${delta.field}\u0000${delta.metric}`;
      const row = this.rows.get(id);
      if (row) row.value += delta.amount;
      else this.rows.set(id, { key, unitId: delta.unitId, pathVersion: delta.pathVersion, field: delta.field, metric: delta.metric, value: delta.amount });
    }
  }

  /**
   * Returns the sums so far, in primary-key order (inserting in index order touches each
   * index page once), and starts over.
   */
  drain(): StatRow[] {
    const drained = [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    this.rows.clear();
    return drained;
  }
}

/**
 * Sums of many fractional quantities pick up binary rounding noise (0.1 + 0.2); quantities
 * carry at most a few decimals, so six decimal places written as text are exact.
 */
export function toNumericText(value: number): string {
  return Number(value.toFixed(6)).toString();
}
