import { randomUUID } from 'node:crypto';
import { status, type ServerReadableStream, type ServerWritableStream, type sendUnaryData } from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { InMemoryLog, LoggedEvent, ExpectedState, ProposedEvent } from './in-memory-log.js';
import { LiveSubscription, type EventFilter } from './live-subscription.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;

const { AppendResp, ReadReq, ReadResp } = streamsPb;
const FORWARDS = 0;

/**
 * The `event_store.client.streams.Streams` methods the adapter uses, answered from an
 * InMemoryLog with the messages a real server sends: Append, and Read of a stream, of
 * `$all` from a position, and catch-up subscriptions to `$all` (filtered, with checkpoints).
 * Anything else is left out and answers UNIMPLEMENTED.
 */
export class StreamsService {
  readonly subscriptions = new Set<LiveSubscription>();
  /** Subscriptions to `$all` opened so far, dropped ones included. */
  subscriptionsOpened = 0;
  /** While set, reads are accepted and never answered, like a server that hangs. */
  holdingReads = false;

  constructor(private readonly log: InMemoryLog) {}

  /** The implementation object for `Server.addService(StreamsService, ...)`. */
  handlers() {
    return {
      append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) => this.append(call, callback),
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
    };
  }

  private append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void {
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message) proposed.push(toProposedEvent(message));
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      const streamName = options ? streamNameOf(options.getStreamIdentifier()) : undefined;
      if (!options || streamName === undefined) {
        callback({ code: status.INVALID_ARGUMENT, details: 'The first message of an append carries its options' });
        return;
      }
      const expected = toExpectedState(options);
      callback(null, toAppendResp(this.log.append(streamName, proposed, expected), expected));
    });
  }

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    if (this.holdingReads) return;
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'A read needs options' });
      return;
    }
    if (options.hasSubscription()) {
      this.subscribeToAll(call, options);
      return;
    }
    const count = Number(options.getCount() || '0');
    const backwards = options.getReadDirection() !== FORWARDS;
    if (options.hasStream()) {
      this.readStream(call, options.getStream()!, count, backwards);
      return;
    }
    const all = options.getAll()!;
    const events = backwards ? this.readAllBackwards(all) : this.readAllForwards(all);
    for (const event of events.slice(0, count)) call.write(toEventResp(event));
    call.end();
  }

  /** Like the server, a forward read of `$all` includes the event at its start position. */
  private readAllForwards(all: InstanceType<typeof ReadReq.Options.AllOptions>): readonly LoggedEvent[] {
    if (all.hasEnd()) return [];
    return this.log.fromPosition(all.hasPosition() ? positionOf(all) : 0n);
  }

  private readAllBackwards(all: InstanceType<typeof ReadReq.Options.AllOptions>): readonly LoggedEvent[] {
    const newestFirst = [...this.log.events()].reverse();
    return all.hasPosition() ? newestFirst.filter((event) => event.position < positionOf(all)) : newestFirst;
  }

  private readStream(call: ServerWritableStream<ReadReq, ReadResp>, options: InstanceType<typeof ReadReq.Options.StreamOptions>, count: number, backwards: boolean): void {
    const identifier = options.getStreamIdentifier();
    const streamName = streamNameOf(identifier) ?? '';
    const stream = this.log.stream(streamName);
    if (!stream) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(identifier);
      call.write(new ReadResp().setStreamNotFound(notFound));
      call.end();
      return;
    }
    const selected = backwards ? readBackwards(stream, options) : readForwards(stream, options);
    for (const event of selected.slice(0, count)) call.write(toEventResp(event));
    call.end();
  }

  private subscribeToAll(call: ServerWritableStream<ReadReq, ReadResp>, options: InstanceType<typeof ReadReq.Options>): void {
    const all = options.getAll();
    if (!all) {
      call.emit('error', { code: status.UNIMPLEMENTED, details: 'The double subscribes to $all only' });
      return;
    }
    const from = all.hasPosition() ? positionOf(all) : all.hasEnd() ? this.log.headPosition() : undefined;
    const filterOptions = options.getFilter();
    const filter = filterOptions ? toEventFilter(filterOptions) : undefined;
    const subscription = new LiveSubscription(call, {
      filter,
      checkpointEvery: filterOptions ? Math.max(1, filterOptions.getCheckpointintervalmultiplier()) * (filterOptions.getMax() || 32) : undefined,
      toEventResp,
      toCheckpointResp,
    });
    this.subscriptions.add(subscription);
    this.subscriptionsOpened += 1;
    subscription.closed.then(() => this.subscriptions.delete(subscription));
    subscription.start(randomUUID(), from === undefined ? this.log.events() : this.log.afterPosition(from), (listener) => this.log.onEvent(listener));
  }
}

/** A forward read starts at its revision, inclusive; from the end it reads nothing. */
function readForwards(stream: readonly LoggedEvent[], options: InstanceType<typeof ReadReq.Options.StreamOptions>): readonly LoggedEvent[] {
  if (options.hasEnd()) return [];
  const from = options.hasRevision() ? BigInt(options.getRevision()) : 0n;
  return stream.filter((event) => event.revision >= from);
}

/** A backward read starts at its revision, inclusive, or at the last event. */
function readBackwards(stream: readonly LoggedEvent[], options: InstanceType<typeof ReadReq.Options.StreamOptions>): readonly LoggedEvent[] {
  const from = options.hasRevision() ? BigInt(options.getRevision()) : undefined;
  return [...stream].reverse().filter((event) => from === undefined || event.revision <= from);
}

function toProposedEvent(message: InstanceType<typeof streamsPb.AppendReq.ProposedMessage>): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()?.getString() ?? randomUUID(),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function toExpectedState(options: InstanceType<typeof streamsPb.AppendReq.Options>): ExpectedState {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

function toAppendResp(outcome: ReturnType<InMemoryLog['append']>, expected: ExpectedState): AppendResp {
  const response = new AppendResp();
  if (outcome.kind === 'success') {
    const position = new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
    response.setSuccess(new AppendResp.Success().setCurrentRevision(outcome.currentRevision.toString()).setPosition(position));
    return response;
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(outcome.current.toString());
  if (typeof expected === 'bigint') wrong.setExpectedRevision(expected.toString());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  else wrong.setExpectedAny(new sharedPb.Empty());
  return response.setWrongExpectedVersion(wrong);
}

function toEventResp(event: LoggedEvent): ReadResp {
  const position = event.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new sharedPb.UUID().setString(event.id))
    .setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.createdTicks.toString());
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position));
}

function toCheckpointResp(position: bigint): ReadResp {
  const checkpoint = new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString());
  return new ReadResp().setCheckpoint(checkpoint);
}

function toEventFilter(options: InstanceType<typeof ReadReq.Options.FilterOptions>): EventFilter {
  const byType = options.hasEventType();
  const expression = byType ? options.getEventType()! : options.getStreamIdentifier()!;
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  const matches = regex ? (value: string) => new RegExp(regex).test(value) : (value: string) => prefixes.some((prefix) => value.startsWith(prefix));
  return (event) => matches(byType ? event.type : event.streamName);
}

function streamNameOf(identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string | undefined {
  return identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : undefined;
}

function positionOf(all: InstanceType<typeof ReadReq.Options.AllOptions>): bigint {
  return BigInt(all.getPosition()!.getCommitPosition());
}
