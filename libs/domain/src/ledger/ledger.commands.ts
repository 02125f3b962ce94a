import type { Command } from '../decider.js';

/** POST /v1/workdays (the handler generates `entryId` when the body leaves it out). */
export type LogWorkdays = Command<
  'LogWorkdays',
  {
    entryId: string;
    unitId: string;
    workdays: number;
    on: string;
    activity?: string | null;
    modelId?: string | null;
  }
>;

/** POST /v1/contributions */
export type RecordContribution = Command<
  'RecordContribution',
  {
    entryId: string;
    unitId: string;
    metric: string;
    quantity: number;
    on: string;
    note?: string | null;
  }
>;

/** POST /v1/entries/{entryId}/void */
export type VoidEntry = Command<'VoidEntry', { entryId: string; unitId: string; reason: string }>;

export type LedgerCommand = LogWorkdays | RecordContribution | VoidEntry;
