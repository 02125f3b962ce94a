import type { RecordedEvent } from '#event-store';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const DATA_COLUMNS = [
  'awardId', 'recipientKind', 'recipientName', 'recipientUnitId', 'form', 'issuerUnitId', 'decisionNo', 'decidedOn', 'movement', 'modelId',
  'revokedOn', 'reason',
] as const;
const METADATA_COLUMNS = ['actor', 'actorRole', 'route', 'clientAddress', 'correlationId', 'causationId', 'recordedAt', 'schemaVersion', 'idempotencyKey', 'hash'] as const;

export const CSV_HEADER = `${['position', 'stream', 'revision', 'eventId', 'type', ...DATA_COLUMNS, ...METADATA_COLUMNS.map((c) => `metadata.${c}`)].join(',')}\r\n`;

/**
 * One CSV field (RFC 4180). A text starting with = + - @ or a control character is
 * prefixed with an apostrophe, so a spreadsheet opening the export never runs it as a
 * formula (names and decision numbers come from the public).
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(event: RecordedEvent): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const fields = [
    event.position.toString(), event.streamName, event.revision.toString(), event.eventId, event.type,
    ...DATA_COLUMNS.map((column) => data[column]),
    ...METADATA_COLUMNS.map((column) => event.metadata[column]),
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function jsonLine(event: RecordedEvent): string {
  return `${JSON.stringify({
    position: event.position.toString(),
    stream: event.streamName,
    revision: Number(event.revision),
    eventId: event.eventId,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  })}\n`;
}

/** The export as lines of `format`, header first for CSV. */
export async function* formatExport(events: AsyncIterable<RecordedEvent>, format: ExportFormat): AsyncIterable<string> {
  if (format === 'csv') yield `\uFEFF${CSV_HEADER}`; // the BOM makes spreadsheets read UTF-8 Vietnamese right
  for await (const event of events) yield format === 'csv' ? csvLine(event) : jsonLine(event);
}
