import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CURRENT_SCHEMA_VERSION, isWithinScope, type Decider, type DomainEvent, type IsoDate } from '#domain';
import {
  chainEvents,
  ConcurrencyError,
  type AppendResult,
  type ChainHead,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '#event-store';
import { ApiError } from '../../infrastructure/errors/api-error.js';
import { EVENT_STORE } from '../../store/store.tokens.js';
import type { CommandAnswer } from './command-answer.js';
import type { CommandMeta, IdempotencyRequest } from './command-meta.js';
import { businessDate, CLOCK, type Clock } from './clock.js';
import { deterministicUuid } from './deterministic-id.js';
import { IdempotencyStore } from './idempotency.store.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { StreamLoader } from './stream-loader.js';

/** One command on one stream, as a handler describes it to the executor. */
export interface CommandPlan<S, C, E extends DomainEvent, X> {
  readonly meta: CommandMeta;
  /** The id the answer names (the unit, phase, model, award or entry). */
  readonly id: string;
  readonly stream: string;
  readonly decider: Decider<S, C, E, X>;
  readonly command: C;
  /**
   * The units the command writes about, given the stream's state (a model's unit, an
   * award's recipient unit): each must lie in the actor's scope, or the command is refused
   * (403) before anything is decided. `null` stands for the tree as a whole (a new top
   * unit, a phase). A target that does not exist names no unit; the decider refuses it.
   */
  readonly unitsConcerned: (state: S) => Promise<readonly (string | null)[]>;
  /** Loads what the decider needs from other streams; `today` is the date in Vietnam. */
  readonly context: (today: IsoDate, state: S) => Promise<X>;
  /**
   * Runs once the events are decided, right before they are appended (the award key
   * reservation). Throwing refuses the command; a ConcurrencyError retries all of it.
   */
  readonly beforeAppend?: (events: readonly E[]) => Promise<void>;
}

export interface RetryPolicy {
  /** Load-decide-append attempts before a ConcurrencyError surfaces (409). */
  readonly maxAttempts: number;
  /** Backoff before attempt n+1: a random share (50-100 %) of min(max, base * 2^(n-1)). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 200 };

/** The retry policy's provider (DEFAULT_RETRY_POLICY; tests override it). */
export const COMMAND_RETRY_POLICY = Symbol('COMMAND_RETRY_POLICY');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a command: reads its stream (upcasting old events), folds it, loads the context,
 * decides, appends with the expected revision, and on a concurrency conflict does all of
 * it again (bounded, with jittered backoff). Commands on one stream run one at a time in
 * this process (conflicts then only come from other processes). With an Idempotency-Key
 * it answers a repeated request from the stored first answer, and its event ids are
 * derived from the key, so a retry after a crash appends nothing twice.
 */
@Injectable()
export class CommandExecutor {
  private readonly streamTurns = new KeyedSerializer();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly loader: StreamLoader,
    private readonly idempotency: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMAND_RETRY_POLICY) private readonly retry: RetryPolicy,
  ) {}

  /** A new id for a create whose body left its id out: derived from the Idempotency-Key when sent. */
  newId(meta: CommandMeta): string {
    return meta.idempotency === undefined ? randomUUID() : deterministicUuid('generated-id', meta.idempotency.key);
  }

  /** Today's business date (Vietnam). */
  today(): IsoDate {
    return businessDate(this.clock.now());
  }

  now(): Date {
    return this.clock.now();
  }

  async execute<S, C, E extends DomainEvent, X>(plan: CommandPlan<S, C, E, X>): Promise<CommandAnswer> {
    const idempotency = plan.meta.idempotency;
    if (idempotency === undefined) return this.decideInTurn(plan);
    const stored = await this.idempotency.find(idempotency);
    if (stored !== undefined) return stored;
    const answer = await this.decideInTurn(plan);
    return this.idempotency.remember(idempotency, answer);
  }

  /**
   * Appends domain events with this command's envelope, chained to the stream's head as
   * read (each event's metadata gets the hash of its content and of the previous event).
   * The append expects exactly that head, so a concurrent writer cannot fork the chain:
   * one of the two gets a ConcurrencyError and decides again on the new head. Event ids
   * are random, or derived from (key, request, stream, index) with an Idempotency-Key.
   */
  async append(stream: string, events: readonly DomainEvent[], head: ChainHead, meta: CommandMeta): Promise<AppendResult> {
    const recordedAt = this.clock.now().toISOString();
    const idempotency = meta.idempotency;
    const toAppend: EventToAppend[] = events.map((event, index) => ({
      eventId: idempotency === undefined ? randomUUID() : eventIdFor(idempotency, stream, index),
      type: event.type,
      data: event.data,
      metadata: {
        actor: meta.actor,
        actorRole: meta.role,
        route: meta.origin.route,
        clientAddress: meta.origin.clientAddress,
        correlationId: meta.correlationId,
        causationId: meta.commandId,
        recordedAt,
        schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
        ...(idempotency === undefined ? {} : { idempotencyKey: idempotency.key }),
      },
    }));
    return this.store.append(stream, chainEvents(stream, head, toAppend), head.revision);
  }

  /**
   * Officers write only about units in their subtree of the current tree (ancestors walked
   * in the log, not a projection, so a unit registered a moment ago is already placed).
   */
  private async checkScope(meta: CommandMeta, units: readonly (string | null)[]): Promise<void> {
    if (meta.scope.kind === 'everything') return;
    for (const unitId of units) {
      const ancestors = unitId === null ? [] : await this.loader.unitAncestorIds(unitId);
      if (isWithinScope(meta.scope, unitId, ancestors)) continue;
      const what = unitId === null ? 'This command concerns the whole unit tree' : `Unit ${unitId} lies outside`;
      throw new ApiError(HttpStatus.FORBIDDEN, 'OUT_OF_SCOPE', `${what} the units the ${meta.role} may write to`);
    }
  }

  private decideInTurn<S, C, E extends DomainEvent, X>(plan: CommandPlan<S, C, E, X>): Promise<CommandAnswer> {
    return this.streamTurns.run(plan.stream, () => this.withRetries(plan));
  }

  private async withRetries<S, C, E extends DomainEvent, X>(plan: CommandPlan<S, C, E, X>): Promise<CommandAnswer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(plan);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= this.retry.maxAttempts) throw error;
        const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        await sleep(ceiling * (0.5 + Math.random() / 2));
      }
    }
  }

  private async attempt<S, C, E extends DomainEvent, X>(plan: CommandPlan<S, C, E, X>): Promise<CommandAnswer> {
    const loaded = await this.loader.load(plan.decider, plan.stream);
    const idempotency = plan.meta.idempotency;
    if (idempotency !== undefined) {
      // A retry of a request whose events were written but whose answer was not kept
      // (a crash in between): answer from those events instead of deciding again.
      const earlier = writtenBefore(loaded.events, idempotency, plan.stream);
      if (earlier !== undefined) return answer(plan, earlier.revision, earlier.position);
    }
    await this.checkScope(plan.meta, await plan.unitsConcerned(loaded.state));
    const context = await plan.context(this.today(), loaded.state);
    const events = plan.decider.decide(plan.command, loaded.state, context);
    if (events.length === 0) throw new Error(`${plan.stream}: the decider decided no event`);
    await plan.beforeAppend?.(events);
    const result = await this.append(plan.stream, events, loaded.head, plan.meta);
    return answer(plan, result.nextRevision, result.position);
  }
}

export function eventIdFor(idempotency: IdempotencyRequest, stream: string, index: number): string {
  return deterministicUuid('event', idempotency.key, idempotency.requestHash, stream, String(index));
}

/** The last of the events this request appended to the stream before, if any. */
function writtenBefore(
  events: readonly RecordedEvent[],
  idempotency: IdempotencyRequest,
  stream: string,
): RecordedEvent | undefined {
  const byId = new Map(events.map((event) => [event.eventId, event]));
  let last: RecordedEvent | undefined;
  for (let index = 0; ; index++) {
    const found = byId.get(eventIdFor(idempotency, stream, index));
    if (found === undefined) return last;
    last = found;
  }
}

function answer(plan: { id: string; stream: string }, revision: bigint, position: bigint): CommandAnswer {
  return { id: plan.id, stream: plan.stream, revision: Number(revision), position: position.toString() };
}
