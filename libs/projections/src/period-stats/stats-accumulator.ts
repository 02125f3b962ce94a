import { phaseKey, phasesContaining, type PhaseSpan } from '#domain';
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
  readonly value: number;
}

/**
 * Sums a batch's deltas in memory, per day and per stored period (year, month, and every
 * phase with rows of its own containing the day), so each row is written once per batch however many events
 * touched it.
 */
export class StatsAccumulator {
  private readonly daily = new Map<string, StatRow>();
  private readonly periods = new Map<string, StatRow>();

  /** `phases`: the phases that keep rows of their own (see #read-models' stats-periods). */
  constructor(private readonly phases: () => readonly PhaseSpan[]) {}

  get size(): number {
    return this.daily.size;
  }

  add(delta: StatDelta): void {
    add(this.daily, delta.day, delta);
    for (const key of storedCalendarKeysFor(delta.day)) add(this.periods, key, delta);
    for (const phase of phasesContaining(delta.day, this.phases())) add(this.periods, phaseKey(phase.phaseId), delta);
  }

  /**
   * Returns the sums so far, in primary-key order (inserting in index order touches each
   * index page once), and starts over.
   */
  drain(): { daily: StatRow[]; periods: StatRow[] } {
    const drained = { daily: inKeyOrder(this.daily), periods: inKeyOrder(this.periods) };
    this.daily.clear();
    this.periods.clear();
    return drained;
  }
}

function inKeyOrder(rows: ReadonlyMap<string, StatRow>): StatRow[] {
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

function add(rows: Map<string, StatRow>, key: string, delta: StatDelta): void {
  const id = `${key}\u0000${delta.unitId}\u0000${delta.pathVersion}\u0000${delta.field}\u0000${delta.metric}`;
  const row = rows.get(id);
  rows.set(id, {
    key,
    unitId: delta.unitId,
    pathVersion: delta.pathVersion,
    field: delta.field,
    metric: delta.metric,
    value: (row?.value ?? 0) + delta.amount,
  });
}

/**
 * Sums of many fractional quantities pick up binary rounding noise (0.1 + 0.2); quantities
 * carry at most a few decimals, so six decimal places written as text are exact.
 */
export function toNumericText(value: number): string {
  return Number(value.toFixed(6)).toString();
}
