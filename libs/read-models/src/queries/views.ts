import type { StatsTotals } from './stats-totals.js';

/** What the query services answer: plain JSON-ready data (dates `YYYY-MM-DD`). */

export interface PeriodView {
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

export interface UnitRefView {
  readonly id: string;
  readonly name: string;
}

export interface StatsView {
  readonly period: PeriodView;
  readonly unit: UnitRefView;
  readonly totals: StatsTotals;
  readonly byField: Record<string, StatsTotals>;
}

export interface StatsSeriesPointView {
  readonly period: PeriodView;
  readonly totals: StatsTotals;
}

export interface UnitView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** The parent in the current tree; null for a root. */
  readonly parentId: string | null;
  readonly mergedInto: string | null;
  readonly mergedOn: string | null;
  /** Ids of the current direct children, in id order. */
  readonly children: string[];
}

export interface PhaseView {
  readonly phaseId: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

export interface ModelView {
  readonly modelId: string;
  readonly unitId: string;
  readonly title: string;
  readonly field: string;
  readonly holderKind: string;
  readonly holderName: string;
  readonly registeredOn: string;
  readonly status: string;
  readonly recognizedOn: string | null;
  readonly recognizedBy: string | null;
  readonly recognitionDecision: string | null;
  readonly exemplaryOn: string | null;
  readonly exemplaryBy: string | null;
  readonly exemplaryDecision: string | null;
  readonly withdrawnOn: string | null;
  readonly withdrawalReason: string | null;
  /** Log position of the last event applied, a decimal string. */
  readonly position: string;
}

export interface AwardView {
  readonly awardId: string;
  readonly recipientKind: string;
  readonly recipientName: string;
  readonly recipientUnitId: string;
  readonly form: string;
  readonly issuerUnitId: string;
  readonly decisionNo: string;
  readonly decidedOn: string;
  readonly movement: string;
  readonly modelId: string | null;
  readonly field: string;
  readonly status: string;
  readonly revokedOn: string | null;
  readonly revocationDecisionNo: string | null;
  readonly revocationReason: string | null;
  readonly position: string;
}

/** A page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface PageView<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
