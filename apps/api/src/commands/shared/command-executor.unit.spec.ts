import { randomUUID } from 'node:crypto';
import {
  DomainError,
  phaseDecider,
  UpcastError,
  type DefinePhase,
  type PhaseCommand,
  type PhaseContext,
  type PhaseEvent,
  type PhaseState,
  WHOLE_TREE,
} from '#domain';
import {
  ConcurrencyError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  type SqlPool,
} from '#event-store';
import { fixedClock } from './clock.js';
import { CommandExecutor, type CommandPlan, type RetryPolicy } from './command-executor.js';
import type { CommandMeta } from './command-meta.js';
import { IdempotencyStore } from './idempotency.store.js';
import { StreamLoader } from './stream-loader.js';

/** Just enough of an event store: streams in memory, optimistic concurrency, injected conflicts. */
class InMemoryEventStore implements Pick<EventStore, 'append' | 'readStream'> {
  readonly streams = new Map<string, RecordedEvent[]>();
  conflictsToInject = 0;
  appendCalls = 0;
  private position = 0n;

  async append(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appendCalls++;
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
    if (this.conflictsToInject > 0) {
      this.conflictsToInject--;
      throw new ConcurrencyError(stream, expected, current);
    }
    if (expected !== 'any' && expected !== current) throw new ConcurrencyError(stream, expected, current);
    for (const event of events) {
      this.position++;
      existing.push({
        ...event,
        streamName: stream,
        revision: BigInt(existing.length),
        position: this.position,
        checkpoint: String(this.position),
        recordedAt: new Date(0),
      });
    }
    this.streams.set(stream, existing);
    return { nextRevision: BigInt(existing.length - 1), position: this.position, checkpoint: String(this.position) };
  }

  async readStream(stream: string): Promise<RecordedEvent[]> {
    return [...(this.streams.get(stream) ?? [])];
  }
}

const unusedPool = {
  query: () => Promise.reject(new Error('no idempotency table in this test')),
  connect: () => Promise.reject(new Error('unused')),
  end: () => Promise.resolve(),
} as SqlPool;

const meta: CommandMeta = {
  commandId: randomUUID(),
  correlationId: 'req-1',
  actor: 'test-admin',
  role: 'admin',
  scope: WHOLE_TREE,
  origin: { route: 'POST /v1/phases', clientAddress: '127.0.0.1' },
};
const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

function setup() {
  const store = new InMemoryEventStore();
  const eventStore = store as unknown as EventStore;
  const executor = new CommandExecutor(
    eventStore,
    new StreamLoader(eventStore),
    new IdempotencyStore(unusedPool),
    fixedClock('2025-06-15T20:30:00.000Z'),
    policy,
  );
  let contextLoads = 0;
  const plan = (data: Partial<DefinePhase['data']> = {}): CommandPlan<PhaseState, PhaseCommand, PhaseEvent, PhaseContext> => ({
    meta,
    id: 'p-1',
    stream: 'phase-p-1',
    decider: phaseDecider,
    command: { type: 'DefinePhase', data: { phaseId: 'p-1', name: 'Giai đoạn 1', startsOn: '2025-01-01', endsOn: '2025-12-31', ...data } },
    unitsConcerned: async () => [null],
    context: async (today) => {
      contextLoads++;
      return { today };
    },
  });
  return { store, executor, plan, contextLoads: () => contextLoads };
}

describe('CommandExecutor', () => {
  it('decides on the folded stream, appends with the envelope and answers id, stream, revision, position', async () => {
    const { store, executor, plan } = setup();
    const answer = await executor.execute(plan());
    expect(answer).toEqual({ id: 'p-1', stream: 'phase-p-1', revision: 0, position: '1' });
    const [event] = store.streams.get('phase-p-1')!;
    expect(event!.type).toBe('PhaseDefined');
    expect(event!.metadata).toEqual({
      actor: 'test-admin',
      actorRole: 'admin',
      route: 'POST /v1/phases',
      clientAddress: '127.0.0.1',
      correlationId: 'req-1',
      causationId: meta.commandId,
      recordedAt: '2025-06-15T20:30:00.000Z',
      schemaVersion: 1,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The second time the fold sees the first event: a conflict of the domain, not retried.
    await expect(executor.execute(plan())).rejects.toMatchObject({ code: 'PHASE_ALREADY_EXISTS' });
  });

  it('refuses a command outside the actor scope before deciding, and writes nothing', async () => {
    const { store, executor, plan, contextLoads } = setup();
    const officer: CommandMeta = { ...meta, actor: 'officer-1', role: 'officer', scope: { kind: 'subtree', unitId: 'qk2' } };
    await expect(executor.execute({ ...plan(), meta: officer })).rejects.toMatchObject({ code: 'OUT_OF_SCOPE', status: 403 });
    expect(store.streams.get('phase-p-1')).toBeUndefined();
    expect(contextLoads()).toBe(0);
  });

  it('passes the business date in Vietnam as today', async () => {
    const { executor } = setup();
    expect(executor.today()).toBe('2025-06-16');
  });

  it('retries the whole load-decide-append after a concurrency conflict', async () => {
    const { store, executor, plan, contextLoads } = setup();
    store.conflictsToInject = 2;
    await expect(executor.execute(plan())).resolves.toMatchObject({ revision: 0 });
    expect(contextLoads()).toBe(3);
    expect(store.appendCalls).toBe(3);
    expect(store.streams.get('phase-p-1')).toHaveLength(1);
  });

  it('lets the conflict surface after the last attempt', async () => {
    const { store, executor, plan, contextLoads } = setup();
    store.conflictsToInject = 10;
    await expect(executor.execute(plan())).rejects.toBeInstanceOf(ConcurrencyError);
    expect(contextLoads()).toBe(policy.maxAttempts);
    expect(store.streams.get('phase-p-1')).toBeUndefined();
  });

  it('never retries a refused command, and writes nothing for it', async () => {
    const { store, executor, plan, contextLoads } = setup();
    await expect(executor.execute(plan({ endsOn: '2024-01-01' }))).rejects.toBeInstanceOf(DomainError);
    expect(contextLoads()).toBe(1);
    expect(store.appendCalls).toBe(0);
  });

  it('upcasts stored events from their schemaVersion (1 when absent)', async () => {
    const { store, executor, plan } = setup();
    await store.append(
      'phase-p-1',
      [{ eventId: randomUUID(), type: 'PhaseDefined', data: { phaseId: 'p-1', name: 'x', startsOn: '2025-01-01', endsOn: '2025-01-02' }, metadata: {} }],
      'no_stream',
    );
    await expect(executor.execute(plan())).rejects.toMatchObject({ code: 'PHASE_ALREADY_EXISTS' });
    await store.append(
      'phase-p-2',
      [{ eventId: randomUUID(), type: 'PhaseDefined', data: {}, metadata: { schemaVersion: 2 } }],
      'no_stream',
    );
    const second = { ...plan(), id: 'p-2', stream: 'phase-p-2' };
    await expect(executor.execute(second)).rejects.toBeInstanceOf(UpcastError);
  });
});
