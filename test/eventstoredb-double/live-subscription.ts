import { status, type ServerWritableStream } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { LoggedEvent } from './in-memory-log.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;

const { ReadResp } = streamsPb;

export type EventFilter = (event: LoggedEvent) => boolean;

export interface LiveSubscriptionOptions {
  readonly filter: EventFilter | undefined;
  /** Send a checkpoint after this many events considered (filtered subscriptions only). */
  readonly checkpointEvery: number | undefined;
  readonly toEventResp: (event: LoggedEvent) => ReadResp;
  readonly toCheckpointResp: (position: bigint) => ReadResp;
}

/**
 * One catch-up subscription to `$all`, sent like the server does: a confirmation, the
 * backlog, a checkpoint and "caught up", then each new event as it is appended. Messages
 * wait in a queue and go out only as fast as the client takes them (gRPC flow control), so
 * dropping the subscription loses what was not sent yet, as a broken connection would.
 */
export class LiveSubscription {
  readonly closed: Promise<void>;
  private readonly queue: ReadResp[] = [];
  private waitingForDrain = false;
  private ended = false;
  private stopFollowing: (() => void) | undefined;
  private considered = 0;
  private lastConsidered: bigint | undefined;

  constructor(
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly options: LiveSubscriptionOptions,
  ) {
    this.closed = new Promise((resolve) => {
      const close = () => {
        this.end();
        resolve();
      };
      call.once('cancelled', close);
      call.once('close', close);
      call.once('finish', close);
    });
  }

  start(subscriptionId: string, backlog: readonly LoggedEvent[], follow: (listener: (event: LoggedEvent) => void) => () => void): void {
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId);
    this.enqueue(new ReadResp().setConfirmation(confirmation));
    for (const event of backlog) this.consider(event);
    if (this.options.filter && this.lastConsidered !== undefined) this.enqueue(this.options.toCheckpointResp(this.lastConsidered));
    this.enqueue(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    // Same tick as the backlog read: no event can slip in between.
    this.stopFollowing = follow((event) => this.consider(event));
  }

  /**
   * Ends the subscription the way a lost connection or a restarting node does; returns how
   * many messages were still waiting to be sent (and are now lost).
   */
  drop(details: string): number {
    if (this.ended) return 0;
    const unsent = this.queue.length;
    this.end();
    this.call.emit('error', { code: status.UNAVAILABLE, details });
    return unsent;
  }

  private consider(event: LoggedEvent): void {
    this.lastConsidered = event.position;
    if (!this.options.filter || this.options.filter(event)) this.enqueue(this.options.toEventResp(event));
    const every = this.options.checkpointEvery;
    if (this.options.filter && every !== undefined && ++this.considered % every === 0) {
      this.enqueue(this.options.toCheckpointResp(event.position));
    }
  }

  private enqueue(message: ReadResp): void {
    if (this.ended) return;
    this.queue.push(message);
    this.flush();
  }

  private flush(): void {
    while (!this.waitingForDrain && !this.ended && this.queue.length > 0) {
      if (this.call.write(this.queue.shift()!)) continue;
      this.waitingForDrain = true;
      this.call.once('drain', () => {
        this.waitingForDrain = false;
        this.flush();
      });
    }
  }

  private end(): void {
    this.ended = true;
    this.queue.length = 0;
    this.stopFollowing?.();
  }
}
