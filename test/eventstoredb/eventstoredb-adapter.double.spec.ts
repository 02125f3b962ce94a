import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  StoreUnavailableError,
  openEventStoreDb,
  type EventStoreDbEventStore,
  type EventToAppend,
  type RecordedEvent,
} from '#event-store';
import { EventStoreDbDouble } from '../eventstoredb-double/eventstoredb-double.js';

/**
 * What the EventStoreDB adapter does beyond the shared contract, over the gRPC protocol
 * double: server metadata names, the server's own events, resubscription after a drop,
 * idempotent retries, and an unreachable server.
 */
const event = (type: string, metadata: Record<string, unknown> = {}, data: unknown = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const stream = (prefix = 'thing') => `${prefix}-${randomUUID()}`;

/** Everything a subscription hands out until `until` holds; aborts it then. */
async function follow(
  store: EventStoreDbEventStore,
  options: { after?: string; batchSize: number },
  until: (received: readonly RecordedEvent[], batch: readonly RecordedEvent[]) => boolean,
): Promise<{ received: RecordedEvent[]; batches: number[] }> {
  const controller = new AbortController();
  const received: RecordedEvent[] = [];
  const batches: number[] = [];
  for await (const batch of store.subscribeToAll({ ...options, signal: controller.signal })) {
    received.push(...batch);
    batches.push(batch.length);
    if (until(received, batch)) controller.abort();
  }
  return { received, batches };
}

describe('EventStoreDB adapter over the protocol double', () => {
  let server: EventStoreDbDouble;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    server = await EventStoreDbDouble.start();
    store = await openEventStoreDb(server.connectionString, {
      resubscribe: { initialDelayMs: 10, maxDelayMs: 40, maxAttempts: 4 },
      pingTimeoutMs: 2_000,
    });
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  describe('metadata', () => {
    it('stores correlation and causation ids also as $correlationId / $causationId, and reads our keys back', async () => {
      const name = stream();
      const metadata = { actor: 'officer-1', correlationId: 'corr-1', causationId: 'cause-1', schemaVersion: 1 };
      await store.append(name, [event('ThingHappened', metadata)], 'no_stream');

      const stored = JSON.parse(new TextDecoder().decode(server.log.stream(name)![0]!.customMetadata));
      expect(stored).toEqual({ ...metadata, $correlationId: 'corr-1', $causationId: 'cause-1' });
      expect((await store.readStream(name))[0]!.metadata).toEqual(metadata);
      const [fromLog] = (await store.readAll({ limit: 100 })).filter((e) => e.streamName === name);
      expect(fromLog!.metadata).toEqual(metadata);
    });

    it('adds no server keys when there are no ids to index', async () => {
      const name = stream();
      await store.append(name, [event('ThingHappened', { actor: 'a' })], 'no_stream');
      expect(JSON.parse(new TextDecoder().decode(server.log.stream(name)![0]!.customMetadata))).toEqual({ actor: 'a' });
    });

    it('gives ids that other writers stored only under the server names back under ours', async () => {
      const name = stream();
      server.appendRaw(name, {
        type: 'ThingImported',
        contentType: 'application/json',
        data: json({ n: 1 }),
        customMetadata: json({ $correlationId: 'corr-x', $causationId: 'cause-y', source: 'import' }),
      });
      expect((await store.readStream(name))[0]!.metadata).toEqual({ correlationId: 'corr-x', causationId: 'cause-y', source: 'import' });
    });
  });

  describe("events that are not the application's", () => {
    function writeForeignEvents(count = 1): void {
      for (let i = 0; i < count; i++) {
        server.appendRaw('$stats-127.0.0.1:2113', { type: '$statsCollected', contentType: 'application/json', data: json({ i }), customMetadata: new Uint8Array() });
        server.appendRaw('$ce-thing', { type: 'ThingHappened', contentType: 'application/json', data: json({ i }), customMetadata: new Uint8Array() });
        server.appendRaw(stream('binary'), { type: 'BinaryThing', contentType: 'application/octet-stream', data: new Uint8Array([1, 2, 3]), customMetadata: new Uint8Array() });
      }
    }

    it('are in the log: the double holds system events, system streams and non-JSON events', () => {
      writeForeignEvents();
      const log = server.log.events();
      expect(log.some((e) => e.type.startsWith('$'))).toBe(true);
      expect(log.some((e) => e.streamName.startsWith('$') && !e.type.startsWith('$'))).toBe(true);
      expect(log.some((e) => e.contentType !== 'application/json')).toBe(true);
    });

    it('are skipped by readAll and countAfter', async () => {
      const name = stream();
      const head = await store.append(name, [event('A')], 'no_stream');
      writeForeignEvents();
      await store.append(name, [event('B')], 0n);

      const whole = await store.readAll({ limit: 1000 });
      expect(whole.map((e) => e.type)).toEqual(['A', 'B']);
      expect((await store.readAll({ after: head.checkpoint, limit: 10 })).map((e) => e.type)).toEqual(['B']);
      expect(await store.countAfter(undefined)).toBe(2);
      expect(await store.countAfter(head.checkpoint)).toBe(1);
    });

    it('do not end a page early: readAll reads past a stretch of them longer than the page', async () => {
      const name = stream();
      const head = await store.append(name, [event('A')], 'no_stream');
      writeForeignEvents(10);
      await store.append(name, [event('B')], 0n);
      expect((await store.readAll({ after: head.checkpoint, limit: 2 })).map((e) => e.type)).toEqual(['B']);
    });

    it('are skipped by the subscription, in catch-up and live', async () => {
      const name = stream();
      await store.append(name, [event('A')], 'no_stream');
      writeForeignEvents(3);
      await store.append(name, [event('B')], 0n);
      const done = follow(store, { batchSize: 10 }, (all) => all.some((e) => e.type === 'C'));
      await waitFor(() => server.liveSubscriptions === 1);
      writeForeignEvents(3);
      await store.append(name, [event('C')], 1n);
      expect((await done).received.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });
  });

  describe('subscription', () => {
    it('hands out events that arrive together in batches of at most batchSize', async () => {
      const name = stream();
      await store.append(name, Array.from({ length: 30 }, (_, i) => event(`E${i}`)), 'no_stream');
      const { received, batches } = await follow(store, { batchSize: 4 }, (all) => all.length >= 30);
      expect(received.map((e) => e.type)).toEqual(Array.from({ length: 30 }, (_, i) => `E${i}`));
      expect(Math.max(...batches)).toBeLessThanOrEqual(4);
      expect(batches.length).toBeLessThan(30);
    });

    it('ends when the signal aborts while it waits for events, and lets go of the server subscription', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const batches: RecordedEvent[][] = [];
      for await (const batch of store.subscribeToAll({ batchSize: 10, signal: controller.signal })) batches.push(batch);
      expect(batches).toEqual([]);
      await waitFor(() => server.liveSubscriptions === 0);
    });

    it('resumes after a drop mid-stream from the last delivered position: every event once, in order', async () => {
      // A backlog too large to fit in gRPC's flow-control window, so the double is still
      // sending when the subscription is dropped and the rest of what it queued is lost.
      const padding = 'x'.repeat(800);
      const written: string[] = [];
      const appendMany = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const batch = [event('Backlog', {}, { padding }), event('Backlog', {}, { padding })];
          await appendRetryingWhileUnavailable(store, stream(), batch);
          written.push(...batch.map((e) => e.eventId));
        }
      };
      await appendMany(150);
      let liveWrites: Promise<void> | undefined;
      const unsentAtDrops: number[] = [];
      const { received } = await follow(store, { batchSize: 7 }, (all) => {
        if (unsentAtDrops.length === 0) {
          unsentAtDrops.push(server.dropSubscriptions());
          liveWrites = appendMany(50);
        } else if (unsentAtDrops.length === 1 && all.length >= 350) {
          unsentAtDrops.push(server.dropSubscriptions());
        }
        return all.length >= 400;
      });
      await liveWrites;

      expect(unsentAtDrops[0]).toBeGreaterThan(0);
      expect(received.map((e) => e.eventId)).toEqual(written);
      expect(server.subscriptionsOpened).toBeGreaterThanOrEqual(3);
    }, 20_000);

    it('resubscribes after a drop while live and delivers what is appended afterwards', async () => {
      const name = stream();
      const head = await store.append(name, [event('Before')], 'no_stream');
      const done = follow(store, { after: head.checkpoint, batchSize: 5 }, (all) => all.length >= 2);
      await waitFor(() => server.liveSubscriptions === 1);
      expect(server.dropSubscriptions()).toBe(0);
      await store.append(name, [event('After1')], 0n);
      await waitFor(() => server.subscriptionsOpened >= 2 && server.liveSubscriptions === 1);
      await store.append(name, [event('After2')], 1n);
      expect((await done).received.map((e) => e.type)).toEqual(['After1', 'After2']);
    });

    it('gives up with StoreUnavailableError when the server stays away', async () => {
      const iterator = store.subscribeToAll({ batchSize: 10 })[Symbol.asyncIterator]();
      const next = iterator.next();
      await waitFor(() => server.liveSubscriptions === 1);
      await server.stop();
      await expect(next).rejects.toBeInstanceOf(StoreUnavailableError);
    }, 10_000);
  });

  describe('retried appends', () => {
    it('write nothing twice when retried with the same ids at the same expected revision', async () => {
      const name = stream();
      const created = [event('A'), event('B')];
      const continued = [event('C')];
      const first = await store.append(name, created, 'no_stream');
      const second = await store.append(name, continued, 1n);

      expect(await store.append(name, created, 'no_stream')).toEqual(first);
      expect(await store.append(name, continued, 1n)).toEqual(second);
      expect(server.log.events().filter((e) => e.streamName === name)).toHaveLength(3);
      expect((await store.readStream(name)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('are a concurrency conflict when only some of the ids were written there', async () => {
      const name = stream();
      const a = event('A');
      await store.append(name, [a, event('B')], 'no_stream');
      await expect(store.append(name, [a, event('Other')], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('of the same ids to another stream are written there: EventStoreDB checks ids per stream', async () => {
      const reused = event('A');
      await store.append(stream(), [reused], 'no_stream');
      await store.append(stream(), [reused], 'no_stream');
      expect(server.log.events().filter((e) => e.id === reused.eventId)).toHaveLength(2);
    });
  });

  describe('a wrong expected revision', () => {
    it('is a ConcurrencyError carrying the revision found', async () => {
      const name = stream();
      await store.append(name, [event('A'), event('B')], 'no_stream');
      await expect(store.append(name, [event('C')], 0n)).rejects.toMatchObject({
        name: 'ConcurrencyError',
        streamName: name,
        expected: 0n,
        actual: 1n,
      });
      await expect(store.append(name, [event('C')], 'no_stream')).rejects.toMatchObject({ actual: 1n });
    });

    it("is a ConcurrencyError with 'no_stream' found when the stream does not exist", async () => {
      const name = stream();
      await expect(store.append(name, [event('A')], 3n)).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 'no_stream' });
      await expect(store.append(name, [event('A')], 'stream_exists')).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(name)).toEqual([]);
    });
  });

  describe('a server that does not answer', () => {
    it('fails ping with StoreUnavailableError after the ping timeout', async () => {
      const impatient = await openEventStoreDb(server.connectionString, { pingTimeoutMs: 100 });
      try {
        await impatient.ping();
        server.holdReads();
        await expect(impatient.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await impatient.close();
      }
    });
  });

  describe('a stopped server', () => {
    it('makes ping, append and reads fail with StoreUnavailableError', async () => {
      await store.ping();
      await server.stop();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.append(stream(), [event('A')], 'no_stream')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readAll({ limit: 10 })).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readStream(stream())).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
});

/**
 * The client answers UNAVAILABLE on any call (a dropped subscription included) by opening a
 * new connection, which fails the calls still in flight on the old one. Writers retry, and
 * the event ids make a retry of a write that did land a no-op.
 */
async function appendRetryingWhileUnavailable(store: EventStoreDbEventStore, name: string, events: EventToAppend[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.append(name, events, 'no_stream');
      return;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
