import type { MetricCode } from '../catalogues/metrics.js';
import type { IsoDate } from '../dates.js';
import type { Event } from '../decider.js';

/** Stream `ledger-{unitId}`: one ledger of entries per unit. */
export type WorkdaysLogged = Event<
  'WorkdaysLogged',
  {
    entryId: string;
    unitId: string;
    workdays: number;
    on: IsoDate;
    activity?: string;
    modelId?: string;
  }
>;

export type ContributionRecorded = Event<
  'ContributionRecorded',
  { entryId: string; unitId: string; metric: MetricCode; quantity: number; on: IsoDate; note?: string }
>;

/** Corrections are a void plus a new entry: nothing is edited in place. */
export type EntryVoided = Event<'EntryVoided', { entryId: string; reason: string }>;

export type LedgerEvent = WorkdaysLogged | ContributionRecorded | EntryVoided;
