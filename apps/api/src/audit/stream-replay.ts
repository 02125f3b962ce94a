import {
  awardDecider,
  ledgerDecider,
  modelDecider,
  parseStreamName,
  phaseDecider,
  unitDecider,
  type DomainEvent,
  type IsoDate,
  type StreamCategory,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import { toDomainEvent, type Evolver } from '../commands/shared/stream-loader.js';

/**
 * The end of a business date in Vietnam (UTC+7, no daylight saving): "as it stood on
 * 2024-06-30" takes every event recorded up to 2024-06-30 23:59:59.999 in Hanoi.
 */
export function endOfBusinessDay(date: IsoDate): Date {
  return new Date(`${date}T23:59:59.999+07:00`);
}

/** The events of a stream recorded by the end of `asOf` (all of them without a date). */
export function recordedBy(events: readonly RecordedEvent[], asOf: IsoDate | undefined): RecordedEvent[] {
  if (asOf === undefined) return [...events];
  const end = endOfBusinessDay(asOf).getTime();
  return events.filter((event) => recordedTime(event) <= end);
}

/** When the command was recorded (metadata), or when the store wrote the event (legacy events). */
function recordedTime(event: RecordedEvent): number {
  const stamped = event.metadata['recordedAt'];
  const parsed = typeof stamped === 'string' ? Date.parse(stamped) : Number.NaN;
  return Number.isNaN(parsed) ? event.recordedAt.getTime() : parsed;
}

const EVOLVERS: Record<StreamCategory, Evolver<unknown, DomainEvent>> = {
  unit: unitDecider as Evolver<unknown, DomainEvent>,
  phase: phaseDecider as Evolver<unknown, DomainEvent>,
  model: modelDecider as Evolver<unknown, DomainEvent>,
  award: awardDecider as Evolver<unknown, DomainEvent>,
  ledger: ledgerDecider as Evolver<unknown, DomainEvent>,
};

/** The stream's state folded from `events` by its domain decider (undefined for non-domain streams). */
export function foldStream(stream: string, events: readonly RecordedEvent[]): unknown {
  const category = parseStreamName(stream)?.category;
  if (category === undefined) return undefined;
  const evolver = EVOLVERS[category];
  return events.reduce((state, event) => evolver.evolve(state, toDomainEvent(event)), evolver.initialState);
}
