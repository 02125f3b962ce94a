import type { AwardReservationEvent } from './awards/award-reservation.events.js';
import type { AwardEvent } from './awards/award.events.js';
import type { LedgerEvent } from './ledger/ledger.events.js';
import type { ModelEvent } from './models/model.events.js';
import type { PhaseEvent } from './phases/phase.events.js';
import type { UnitEvent } from './units/unit.events.js';

/** Every event the domain stores. */
export type DomainEvent =
  | UnitEvent
  | PhaseEvent
  | ModelEvent
  | AwardEvent
  | AwardReservationEvent
  | LedgerEvent;

export type DomainEventType = DomainEvent['type'];

/** The event of a given type. */
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
