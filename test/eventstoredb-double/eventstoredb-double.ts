import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { InMemoryLog, type ProposedEvent } from './in-memory-log.js';
import { StreamsService } from './streams-service.js';

/**
 * A TEST DOUBLE of EventStoreDB's gRPC protocol, not EventStoreDB: an in-process server
 * answering the calls `@eventstore/db-client` makes for the adapter (Streams.Append and
 * Streams.Read) from an in-memory log. ServerFeatures is not served: the client accepts
 * UNIMPLEMENTED and falls back to plain Append. Insecure, on 127.0.0.1 and a free port.
 */
export class EventStoreDbDouble {
  private constructor(
    private readonly server: Server,
    readonly log: InMemoryLog,
    private readonly streams: StreamsService,
    readonly port: number,
  ) {}

  static async start(): Promise<EventStoreDbDouble> {
    const log = new InMemoryLog();
    seedSystemEvents(log);
    const streams = new StreamsService(log);
    const server = new Server();
    server.addService(streamsGrpc.StreamsService, streams.handlers());
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    return new EventStoreDbDouble(server, log, streams, port);
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Subscriptions to `$all` opened so far, including dropped ones. */
  get subscriptionsOpened(): number {
    return this.streams.subscriptionsOpened;
  }

  get liveSubscriptions(): number {
    return this.streams.subscriptions.size;
  }

  /**
   * Ends every live subscription with UNAVAILABLE. Messages not sent yet are lost; returns
   * how many, so a test can tell it really cut a subscription mid-stream.
   */
  dropSubscriptions(): number {
    let unsent = 0;
    for (const subscription of this.streams.subscriptions) unsent += subscription.drop('Subscription dropped by the test double');
    return unsent;
  }

  /** From now on reads are accepted but never answered, as by a server that hangs. */
  holdReads(): void {
    this.streams.holdingReads = true;
  }

  /** Writes an event as another writer would (the server itself, other tools), with any type and content. */
  appendRaw(streamName: string, event: Omit<ProposedEvent, 'id'> & { id?: string }): void {
    const outcome = this.log.append(streamName, [{ id: event.id ?? randomUUID(), ...event }], 'any');
    if (outcome.kind !== 'success') throw new Error(`appendRaw to ${streamName} failed`);
  }

  /** Stops at once, cutting open calls, like a crashed server. */
  async stop(): Promise<void> {
    this.server.forceShutdown();
  }
}

/** A fresh EventStoreDB log is never empty: the server writes its own events first. */
function seedSystemEvents(log: InMemoryLog): void {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  log.append('$settings', [{ id: randomUUID(), type: '$settings', contentType: 'application/json', data: json({ $userStreamAcl: {} }), customMetadata: new Uint8Array() }], 'any');
  log.append('$users', [{ id: randomUUID(), type: '$UserCreated', contentType: 'application/json', data: json({ LoginName: 'admin' }), customMetadata: new Uint8Array() }], 'any');
}
