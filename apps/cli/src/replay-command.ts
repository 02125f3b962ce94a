import { isIsoDate } from '#domain';
import type { EventStore } from '#event-store';
import { auditedEvent } from '../../api/src/audit/read-stream/read-stream.controller.js';
import { foldStream, recordedBy } from '../../api/src/audit/stream-replay.js';

/**
 * Prints a stream's events as JSON Lines, as the log held them at the end of `asOf`
 * (Vietnam time), then one line with the state they fold into.
 */
export async function replayStream(store: EventStore, stream: string, asOf: string | undefined, out: NodeJS.WritableStream): Promise<number> {
  if (asOf !== undefined && !isIsoDate(asOf)) throw new Error('--as-of must be a date YYYY-MM-DD');
  const events = recordedBy(await store.readStream(stream), asOf);
  for (const event of events) out.write(`${JSON.stringify(auditedEvent(event))}\n`);
  out.write(`${JSON.stringify({ stream, asOf: asOf ?? null, events: events.length, state: foldStream(stream, events) ?? null })}\n`);
  return events.length;
}
