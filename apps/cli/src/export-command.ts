import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { isIsoDate, phaseDecider, phaseStream, rangeOf, tryParsePeriodKey, type DateRange } from '#domain';
import type { EventStore } from '#event-store';
import { EXPORT_FORMATS, formatExport, type ExportFormat } from '../../api/src/audit/award-history/award-history-format.js';
import { awardHistory, writeLines } from '../../api/src/audit/award-history/award-replay.js';
import { toDomainEvent } from '../../api/src/commands/shared/stream-loader.js';

export interface ExportOptions {
  readonly unit?: string;
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: string;
  readonly out?: string;
}

/** Streams the award history to a file or stdout; answers the number of events written. */
export async function exportAwardHistory(store: EventStore, options: ExportOptions): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) throw new Error(`${name} must be a date YYYY-MM-DD`);
  }
  const range = options.period === undefined ? { from: options.from, to: options.to } : await periodRange(store, options.period);
  const lines = formatExport(awardHistory(store, { unitId: options.unit, ...range }), options.format as ExportFormat);
  const header = options.format === 'csv' ? 1 : 0;
  if (options.out === undefined) return (await writeLines(lines, process.stdout)) - header;
  const file = createWriteStream(options.out, { flags: 'wx' });
  const count = await writeLines(lines, file);
  file.end();
  await finished(file);
  return count - header;
}

/** A period key's dates; a phase's are read from its stream in the log. */
async function periodRange(store: EventStore, period: string): Promise<DateRange> {
  const key = tryParsePeriodKey(period);
  if (key === undefined) throw new Error('--period must be like year:2024, half:2024-H1, quarter:2024-Q3, month:2024-07 or phase:2021-2025');
  if (key.kind !== 'phase') return rangeOf(key);
  const state = (await store.readStream(phaseStream(key.phaseId))).reduce(
    (current, event) => phaseDecider.evolve(current, toDomainEvent(event) as Parameters<typeof phaseDecider.evolve>[1]),
    phaseDecider.initialState,
  );
  if (state.status === 'none') throw new Error(`phase ${key.phaseId} is not defined`);
  return { from: state.startsOn, to: state.endsOn };
}
