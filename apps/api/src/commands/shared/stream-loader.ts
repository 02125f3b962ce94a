import { Inject, Injectable } from '@nestjs/common';
import {
  modelDecider,
  modelStream,
  summarizeModel,
  summarizeUnit,
  unitDecider,
  unitStream,
  upcast,
  type DomainEvent,
  type ModelSummary,
  type UnitState,
  type UnitSummary,
} from '#domain';
import { chainHeadOf, type ChainHead, type EventStore, type RecordedEvent } from '#event-store';
import { EVENT_STORE } from '../../store/store.tokens.js';

/** The part of a Decider that folds a stream. */
export interface Evolver<S, E> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
}

export interface LoadedStream<S> {
  readonly stream: string;
  readonly state: S;
  readonly events: readonly RecordedEvent[];
  /** The revision and chain hash to append right behind what was read. */
  readonly head: ChainHead;
}

/** No real tree is this deep; a deeper walk means a corrupt tree, not a deep one. */
const MAX_TREE_DEPTH = 1000;

/** The stored event as the current code knows it (old schema versions are upcast). */
export function toDomainEvent(recorded: RecordedEvent): DomainEvent {
  const version = recorded.metadata['schemaVersion'];
  return upcast(recorded.type, typeof version === 'number' ? version : 1, recorded.data);
}

/**
 * Reads streams from the event store (the log itself, not projections: the decisions are
 * consistent with every event written before the read) and folds them into state.
 */
@Injectable()
export class StreamLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Reads and folds one stream. The stream holds only events of `evolver`'s family (the
   * stream name decides the family), which is what the cast below relies on.
   */
  async load<S, E extends DomainEvent>(evolver: Evolver<S, E>, stream: string): Promise<LoadedStream<S>> {
    const events = await this.store.readStream(stream);
    const state = events.reduce<S>((current, recorded) => evolver.evolve(current, toDomainEvent(recorded) as E), evolver.initialState);
    return { stream, state, events, head: chainHeadOf(events) };
  }

  async exists(stream: string): Promise<boolean> {
    return (await this.store.readStream(stream)).length > 0;
  }

  async unitState(unitId: string): Promise<UnitState> {
    return (await this.load(unitDecider, unitStream(unitId))).state;
  }

  async unit(unitId: string): Promise<UnitSummary | undefined> {
    return summarizeUnit(await this.unitState(unitId));
  }

  async model(modelId: string): Promise<ModelSummary | undefined> {
    return summarizeModel((await this.load(modelDecider, modelStream(modelId))).state);
  }

  /** The unit of a model, as a list (empty when no model is named or it does not exist). */
  async unitsOfModel(modelId: string | null | undefined): Promise<string[]> {
    if (modelId === undefined || modelId === null) return [];
    const model = await this.model(modelId);
    return model === undefined ? [] : [model.unitId];
  }

  /**
   * The ancestors of a unit in the current tree, nearest first, by walking parentId up the
   * unit streams. A merged ancestor is listed, then the unit it merged into stands in its
   * place (a merged unit's children count under its successor).
   */
  async unitAncestorIds(unitId: string): Promise<string[]> {
    const ancestors: string[] = [];
    const seen = new Set<string>([unitId]);
    let current = await this.unitState(unitId);
    while (current.status !== 'none' && current.parentId !== null) {
      let nextId: string | null = current.parentId;
      let next: UnitState = { status: 'none' };
      // Follow the parent, then its merges, to the unit that stands for it today.
      while (nextId !== null) {
        if (seen.has(nextId) || seen.size > MAX_TREE_DEPTH) return ancestors;
        seen.add(nextId);
        ancestors.push(nextId);
        next = await this.unitState(nextId);
        nextId = next.status === 'merged' ? next.intoUnitId : null;
      }
      current = next;
    }
    return ancestors;
  }
}
