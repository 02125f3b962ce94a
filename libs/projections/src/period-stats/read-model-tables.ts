import type { SqlClient } from '#event-store';
import type { Column } from '../sql/unnest-upsert.js';
import type { AwardRow, EntryRow, ModelRow } from './read-model-rows.js';

/**
 * Column mappings between the rows above and the tables of the read-model migration; the
 * same list drives both loading and the batched upserts.
 */
const text = <Row>(name: string, value: (row: Row) => string | null): Column<Row> => ({ name, type: 'text', value });
const date = <Row>(name: string, value: (row: Row) => string | null): Column<Row> => ({ name, type: 'date', value });

export const MODEL_COLUMNS: Column<ModelRow>[] = [
  text('model_id', (r) => r.modelId),
  text('unit_id', (r) => r.unitId),
  text('title', (r) => r.title),
  text('field', (r) => r.field),
  text('holder_kind', (r) => r.holderKind),
  text('holder_name', (r) => r.holderName),
  date('registered_on', (r) => r.registeredOn),
  text('status', (r) => r.status),
  date('recognized_on', (r) => r.recognizedOn),
  text('recognized_by', (r) => r.recognizedBy),
  text('recognition_decision', (r) => r.recognitionDecision),
  date('exemplary_on', (r) => r.exemplaryOn),
  text('exemplary_by', (r) => r.exemplaryBy),
  text('exemplary_decision', (r) => r.exemplaryDecision),
  date('withdrawn_on', (r) => r.withdrawnOn),
  text('withdrawal_reason', (r) => r.withdrawalReason),
  { name: 'position', type: 'bigint', value: (r) => r.position },
];

export const AWARD_COLUMNS: Column<AwardRow>[] = [
  text('award_id', (r) => r.awardId),
  text('recipient_kind', (r) => r.recipientKind),
  text('recipient_name', (r) => r.recipientName),
  text('recipient_unit_id', (r) => r.recipientUnitId),
  text('form', (r) => r.form),
  text('issuer_unit_id', (r) => r.issuerUnitId),
  text('decision_no', (r) => r.decisionNo),
  date('decided_on', (r) => r.decidedOn),
  text('movement', (r) => r.movement),
  text('model_id', (r) => r.modelId),
  text('field', (r) => r.field),
  text('status', (r) => r.status),
  date('revoked_on', (r) => r.revokedOn),
  text('revocation_decision_no', (r) => r.revocationDecisionNo),
  text('revocation_reason', (r) => r.revocationReason),
  { name: 'path_version', type: 'integer', value: (r) => r.pathVersion },
  { name: 'position', type: 'bigint', value: (r) => r.position },
];

export const ENTRY_COLUMNS: Column<EntryRow>[] = [
  text('unit_id', (r) => r.unitId),
  text('entry_id', (r) => r.entryId),
  text('kind', (r) => r.kind),
  text('metric', (r) => r.metric),
  { name: 'quantity', type: 'numeric', value: (r) => r.quantity },
  date('on_date', (r) => r.onDate),
  text('field', (r) => r.field),
  text('model_id', (r) => r.modelId),
  { name: 'voided', type: 'boolean', value: (r) => r.voided },
  { name: 'path_version', type: 'integer', value: (r) => r.pathVersion },
];

type RawRow = Record<string, unknown>;

/** Reads rows by key into the row shape, using the column list's names. */
export async function loadRows<Row>(
  tx: SqlClient,
  table: string,
  columns: readonly Column<Row>[],
  where: string,
  params: readonly unknown[],
  toRow: (raw: RawRow) => Row,
): Promise<Row[]> {
  if (params.every((param) => Array.isArray(param) && param.length === 0)) return [];
  const { rows } = await tx.query<RawRow>(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${table} WHERE ${where}`, params);
  return rows.map(toRow);
}

const str = (raw: RawRow, column: string): string => String(raw[column]);
const opt = (raw: RawRow, column: string): string | null => (raw[column] === null ? null : String(raw[column]));

export const rawToModel = (raw: RawRow): ModelRow => ({
  modelId: str(raw, 'model_id'),
  unitId: str(raw, 'unit_id'),
  title: str(raw, 'title'),
  field: str(raw, 'field'),
  holderKind: str(raw, 'holder_kind'),
  holderName: str(raw, 'holder_name'),
  registeredOn: str(raw, 'registered_on'),
  status: str(raw, 'status'),
  recognizedOn: opt(raw, 'recognized_on'),
  recognizedBy: opt(raw, 'recognized_by'),
  recognitionDecision: opt(raw, 'recognition_decision'),
  exemplaryOn: opt(raw, 'exemplary_on'),
  exemplaryBy: opt(raw, 'exemplary_by'),
  exemplaryDecision: opt(raw, 'exemplary_decision'),
  withdrawnOn: opt(raw, 'withdrawn_on'),
  withdrawalReason: opt(raw, 'withdrawal_reason'),
  position: str(raw, 'position'),
});

export const rawToAward = (raw: RawRow): AwardRow => ({
  awardId: str(raw, 'award_id'),
  recipientKind: str(raw, 'recipient_kind'),
  recipientName: str(raw, 'recipient_name'),
  recipientUnitId: str(raw, 'recipient_unit_id'),
  form: str(raw, 'form'),
  issuerUnitId: str(raw, 'issuer_unit_id'),
  decisionNo: str(raw, 'decision_no'),
  decidedOn: str(raw, 'decided_on'),
  movement: str(raw, 'movement'),
  modelId: opt(raw, 'model_id'),
  field: str(raw, 'field'),
  status: str(raw, 'status'),
  revokedOn: opt(raw, 'revoked_on'),
  revocationDecisionNo: opt(raw, 'revocation_decision_no'),
  revocationReason: opt(raw, 'revocation_reason'),
  pathVersion: Number(raw.path_version),
  position: str(raw, 'position'),
});

export const rawToEntry = (raw: RawRow): EntryRow => ({
  unitId: str(raw, 'unit_id'),
  entryId: str(raw, 'entry_id'),
  kind: str(raw, 'kind') as EntryRow['kind'],
  metric: str(raw, 'metric'),
  quantity: str(raw, 'quantity'),
  onDate: str(raw, 'on_date'),
  field: str(raw, 'field'),
  modelId: opt(raw, 'model_id'),
  voided: raw.voided === true,
  pathVersion: Number(raw.path_version),
});

/** A phase's row; defining one twice keeps the first (replaying an event changes nothing). */
interface PhaseRow {
  readonly phaseId: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

export const PHASE_COLUMNS: Column<PhaseRow>[] = [
  text('phase_id', (r) => r.phaseId),
  text('name', (r) => r.name),
  date('starts_on', (r) => r.startsOn),
  date('ends_on', (r) => r.endsOn),
];

export async function insertPhase(tx: SqlClient, phase: PhaseRow): Promise<void> {
  await tx.query(
    `INSERT INTO rm_phases (phase_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4)
     ON CONFLICT (phase_id) DO NOTHING`,
    [phase.phaseId, phase.name, phase.startsOn, phase.endsOn],
  );
}
