import { yearAndMonthOf } from '#read-models';

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

/** The sum of a batch's deltas for one month × unit × path version × field × metric. */
export interface MonthSum {
  readonly year: number;
  readonly month: number;
  readonly unitId: string;
  readonly pathVersion: number;
  readonly field: string;
  readonly metric: string;
  amount: number;
}

/**
 * Sums a batch's deltas in memory per month, so each statistic is written once per batch
 * however many events touched it.
 */
export class StatsAccumulator {
  private readonly sums = new Map<string, MonthSum>();

  add(delta: StatDelta): void {
    const { year, month } = yearAndMonthOf(delta.day);
    const id = `${delta.day.slice(0, 7)}\u0000${delta.unitId}\u0000${delta.pathVersion}\u0000${delta.field}\u0000${delta.metric}`;
    const sum = this.sums.get(id);
    if (sum) sum.amount += delta.amount;
    else {
      const { unitId, pathVersion, field, metric, amount } = delta;
      this.sums.set(id, { year, month, unitId, pathVersion, field, metric, amount });
    }
  }

  /** Returns the sums so far (or those of the units `only` accepts) and forgets them. */
  drain(only: (unitId: string) => boolean = () => true): MonthSum[] {
    const drained: MonthSum[] = [];
    for (const [id, sum] of this.sums) {
      if (!only(sum.unitId)) continue;
      drained.push(sum);
      this.sums.delete(id);
    }
    return drained;
  }
}

/**
 * Sums of many fractional quantities pick up binary rounding noise (0.1 + 0.2); quantities
 * carry at most a few decimals, so six decimal places written as text are exact.
 */
export function toNumericText(value: number): string {
  return String(roundedSum(value));
}

/**
 * A sum with its rounding noise taken off (see toNumericText), still a number: COPY text
 * writes a number as it is, where a string must first be searched for characters to
 * escape (~11,000,000 values of year rows a rebuild).
 */
export function roundedSum(value: number): number {
  if (value === 0) return 0; // most months of a year row, -0 included: no rounding to do
  // Counts and workdays: whole, with no noise to round away (toFixed costs ~0.5 s a rebuild).
  if (Number.isSafeInteger(value)) return value;
  return Number(value.toFixed(6));
}
