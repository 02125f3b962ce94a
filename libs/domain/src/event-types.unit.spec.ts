import {
  createUpcaster,
  CURRENT_SCHEMA_VERSION,
  EVENT_TYPES,
  isDomainEventType,
  upcast,
  UpcastError,
  type UpcasterRegistry,
} from './event-types.js';

const catchUpcastError = (run: () => unknown): UpcastError => {
  try {
    run();
  } catch (error) {
    if (error instanceof UpcastError) return error;
    throw error;
  }
  throw new Error('expected an UpcastError');
};

describe('event types', () => {
  it('lists every stored type once, each at version 1 today', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect([...EVENT_TYPES].sort()).toStrictEqual(Object.keys(CURRENT_SCHEMA_VERSION).sort());
    expect(Object.values(CURRENT_SCHEMA_VERSION).every((v) => v === 1)).toBe(true);
  });

  it('recognises domain event types', () => {
    expect(isDomainEventType('ModelRegistered')).toBe(true);
    expect(isDomainEventType('modelRegistered')).toBe(false);
    expect(isDomainEventType('ModelRegisteredEvent')).toBe(false);
    expect(isDomainEventType(42)).toBe(false);
  });
});

describe('upcasting', () => {
  const v1 = { modelId: 'm-1', unitId: 'u', name: 'Mô hình', field: 'economy' };
  // A synthetic history: ModelRegistered v1 had `name`; v2 renamed it `title`; v3 added holderKind.
  const registry: UpcasterRegistry = {
    ModelRegistered: {
      1: ({ name, ...rest }) => ({ ...rest, title: name }),
      2: (data) => ({ ...data, holderKind: 'collective' }),
    },
  };
  const versions = { ...CURRENT_SCHEMA_VERSION, ModelRegistered: 3 };
  const upcastV3 = createUpcaster(registry, versions);

  it('applies the steps in order, v1 -> v2 -> v3', () => {
    expect(upcastV3('ModelRegistered', 1, v1)).toStrictEqual({
      type: 'ModelRegistered',
      data: { modelId: 'm-1', unitId: 'u', field: 'economy', title: 'Mô hình', holderKind: 'collective' },
    });
  });

  it('starts from the stored version', () => {
    const v2 = { modelId: 'm-1', title: 'Mô hình' };
    expect(upcastV3('ModelRegistered', 2, v2).data).toStrictEqual({ ...v2, holderKind: 'collective' });
  });

  it('passes an event at the current version through unchanged', () => {
    const data = { entryId: 'e-1', reason: 'Nhập trùng' };
    expect(upcast('EntryVoided', 1, data)).toStrictEqual({ type: 'EntryVoided', data });
    expect(upcastV3('ModelRegistered', 3, v1).data).toBe(v1);
  });

  it('fails on an unknown type', () => {
    const error = catchUpcastError(() => upcast('ModelPromoted', 1, {}));
    expect(error.code).toBe('UNKNOWN_EVENT_TYPE');
    expect(error.message).toMatch(/ModelPromoted/);
  });

  it('fails on a version newer than the code knows', () => {
    const error = catchUpcastError(() => upcast('ModelRegistered', 2, v1));
    expect(error.code).toBe('SCHEMA_VERSION_TOO_NEW');
    expect(error.message).toMatch(/upgrade/);
  });

  it('fails on an invalid version, a missing step or non-object data', () => {
    expect(catchUpcastError(() => upcast('ModelRegistered', 0, v1)).code).toBe('SCHEMA_VERSION_INVALID');
    expect(catchUpcastError(() => upcast('ModelRegistered', 1.5, v1)).code).toBe('SCHEMA_VERSION_INVALID');
    const gap = createUpcaster({ ModelRegistered: { 1: (d) => d } }, versions);
    expect(catchUpcastError(() => gap('ModelRegistered', 1, v1)).code).toBe('UPCASTER_MISSING');
    expect(catchUpcastError(() => upcast('ModelRegistered', 1, null)).code).toBe('EVENT_DATA_INVALID');
    expect(catchUpcastError(() => upcast('ModelRegistered', 1, [1])).code).toBe('EVENT_DATA_INVALID');
  });
});
