import { isDomainEventType, upcast } from '#domain';
import type { LoggedEvent } from '#event-store';
import type { ProjectedEvent } from '../projection.js';

/** The metadata a projection reads: the schema version its events are upcast from. */
export const PROJECTED_METADATA = ['schemaVersion'] as const;

/** The log's domain events upcast to their current shapes; other streams' events are skipped. */
export function toProjectedEvents(batch: readonly LoggedEvent[]): ProjectedEvent[] {
  const events: ProjectedEvent[] = [];
  for (const recorded of batch) {
    if (!isDomainEventType(recorded.type)) continue;
    const version = typeof recorded.metadata.schemaVersion === 'number' ? recorded.metadata.schemaVersion : 1;
    events.push({ event: upcast(recorded.type, version, recorded.data), recorded });
  }
  return events;
}
