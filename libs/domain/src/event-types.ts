/**
 * The stored event types and their schema versions. Stored type strings are an explicit,
 * stable list (never derived from a class or function name: a rename or a minified build
 * must not break replay). An old event is upcast when read, never rewritten.
 */
import type { DomainEvent, DomainEventType } from './events.js';

export const EVENT_TYPES = [
  'UnitRegistered',
  'UnitMerged',
  'PhaseDefined',
  'ModelRegistered',
  'ModelRecognized',
  'ModelWithdrawn',
  'AwardGranted',
  'AwardRevoked',
  'AwardUniquenessReserved',
  'WorkdaysLogged',
  'ContributionRecorded',
  'EntryVoided',
] as const satisfies readonly DomainEventType[];

// Compile-time check: EVENT_TYPES lists every DomainEvent type.
type MissingEventTypes = Exclude<DomainEventType, (typeof EVENT_TYPES)[number]>;
const eventTypesComplete: [MissingEventTypes] extends [never] ? true : MissingEventTypes = true;
void eventTypesComplete;

/** The schema version the code writes, per type. Bump it together with an upcaster. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<DomainEventType, number>> = {
  UnitRegistered: 1,
  UnitMerged: 1,
  PhaseDefined: 1,
  ModelRegistered: 1,
  ModelRecognized: 1,
  ModelWithdrawn: 1,
  AwardGranted: 1,
  AwardRevoked: 1,
  AwardUniquenessReserved: 1,
  WorkdaysLogged: 1,
  ContributionRecorded: 1,
  EntryVoided: 1,
};

const TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export const isDomainEventType = (value: unknown): value is DomainEventType =>
  typeof value === 'string' && TYPE_SET.has(value);

export type EventData = Readonly<Record<string, unknown>>;

/** Turns the data of one schema version into the data of the next one. */
export type Upcaster = (data: EventData) => EventData;

/**
 * `registry[type][v]` upcasts the data of `type` from version `v` to `v + 1`. Upcasters
 * of a type form a chain 1 -> 2 -> ... -> current.
 */
export type UpcasterRegistry = Readonly<
  Partial<Record<DomainEventType, Readonly<Record<number, Upcaster>>>>
>;

/** The production registry. Every schema is at version 1 today, so it is empty. */
export const UPCASTERS: UpcasterRegistry = {};

export type UpcastErrorCode =
  | 'UNKNOWN_EVENT_TYPE'
  | 'SCHEMA_VERSION_INVALID'
  | 'SCHEMA_VERSION_TOO_NEW'
  | 'UPCASTER_MISSING'
  | 'EVENT_DATA_INVALID';

/** Reading the log failed: the stored event cannot be turned into a current DomainEvent. */
export class UpcastError extends Error {
  readonly code: UpcastErrorCode;
  constructor(code: UpcastErrorCode, message: string) {
    super(message);
    this.name = 'UpcastError';
    this.code = code;
  }
}

const isEventData = (value: unknown): value is EventData =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type Upcast = (type: string, schemaVersion: number, data: unknown) => DomainEvent;

/**
 * Builds the function that turns a stored (type, schemaVersion, data) into a current
 * DomainEvent, applying the registry's upcasters step by step.
 */
export const createUpcaster = (
  registry: UpcasterRegistry,
  currentVersions: Readonly<Record<DomainEventType, number>> = CURRENT_SCHEMA_VERSION,
): Upcast => {
  return (type, schemaVersion, data) => {
    if (!isDomainEventType(type)) {
      throw new UpcastError('UNKNOWN_EVENT_TYPE', `Unknown event type: ${type}`);
    }
    const current = currentVersions[type];
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
      throw new UpcastError(
        'SCHEMA_VERSION_INVALID',
        `Invalid schema version ${String(schemaVersion)} for ${type}`,
      );
    }
    if (schemaVersion > current) {
      throw new UpcastError(
        'SCHEMA_VERSION_TOO_NEW',
        `${type} v${schemaVersion} is newer than this code knows (v${current}): upgrade the application`,
      );
    }
    if (!isEventData(data)) {
      throw new UpcastError('EVENT_DATA_INVALID', `The data of ${type} must be a JSON object`);
    }
    let upcast: EventData = data;
    for (let version = schemaVersion; version < current; version++) {
      const step = registry[type]?.[version];
      if (step === undefined) {
        throw new UpcastError(
          'UPCASTER_MISSING',
          `No upcaster for ${type} from v${version} to v${version + 1}`,
        );
      }
      upcast = step(upcast);
      if (!isEventData(upcast)) {
        throw new UpcastError(
          'EVENT_DATA_INVALID',
          `The upcaster of ${type} v${version} did not return an object`,
        );
      }
    }
    // The log is trusted: the shape of the current version is what the code wrote.
    return { type, data: upcast } as DomainEvent;
  };
};

/** Upcasts with the production registry and versions. */
export const upcast: Upcast = createUpcaster(UPCASTERS);
