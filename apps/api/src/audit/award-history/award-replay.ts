import { once } from 'node:events';
import {
  awardEventDate,
  awardStream,
  isInForceOn,
  UnitTreeReplay,
  type AwardGranted,
  type AwardRevoked,
  type IsoDate,
  type UnitEvent,
} from '#domain';
import { scanCommittedLog, type EventStore, type RecordedEvent } from '#event-store';
import { toDomainEvent } from '../../commands/shared/stream-loader.js';

const UNIT_TYPES = new Set(['UnitRegistered', 'UnitMerged']);
const AWARD_TYPES = new Set(['AwardGranted', 'AwardRevoked']);

type LogReader = Pick<EventStore, 'readAll' | 'awaitCommittedReadable'>;

/** The current unit tree, replayed from the log's unit events. */
export async function replayUnitTree(store: LogReader): Promise<UnitTreeReplay> {
  const tree = new UnitTreeReplay();
  for await (const event of scanCommittedLog(store)) {
    if (UNIT_TYPES.has(event.type)) tree.apply(toDomainEvent(event) as UnitEvent);
  }
  return tree;
}

export interface AwardInForce {
  readonly awardId: string;
  readonly recipientKind: string;
  readonly recipientName: string;
  readonly recipientUnitId: string;
  readonly form: string;
  readonly issuerUnitId: string;
  readonly decisionNo: string;
  readonly decidedOn: IsoDate;
  readonly movement: string;
  readonly modelId: string | null;
  /** Who recorded the grant, and when (the grant event's metadata). */
  readonly grantedBy: unknown;
  readonly grantRecordedAt: unknown;
  readonly position: string;
}

/**
 * The awards in force on `asOf` (in `unitId`'s current subtree when given), replayed from
 * the log, not a projection. Two passes: the first collects the unit tree and the ids of
 * awards revoked by then (revocations are few), the second streams the grants, so the
 * answer never holds the awards themselves in memory.
 */
export async function* awardsInForce(store: LogReader, asOf: IsoDate, unitId?: string): AsyncIterable<AwardInForce> {
  const tree = new UnitTreeReplay();
  const revokedOn = new Map<string, IsoDate>();
  for await (const event of scanCommittedLog(store)) {
    if (UNIT_TYPES.has(event.type)) tree.apply(toDomainEvent(event) as UnitEvent);
    else if (event.type === 'AwardRevoked') {
      const revocation = toDomainEvent(event) as AwardRevoked;
      if (revocation.data.revokedOn <= asOf) revokedOn.set(revocation.data.awardId, revocation.data.revokedOn);
    }
  }
  for await (const event of scanCommittedLog(store)) {
    if (event.type !== 'AwardGranted') continue;
    const { data } = toDomainEvent(event) as AwardGranted;
    if (!isInForceOn(asOf, data.decidedOn, revokedOn.get(data.awardId))) continue;
    if (unitId !== undefined && !tree.isInSubtree(unitId, data.recipientUnitId)) continue;
    yield {
      awardId: data.awardId,
      recipientKind: data.recipientKind,
      recipientName: data.recipientName,
      recipientUnitId: data.recipientUnitId,
      form: data.form,
      issuerUnitId: data.issuerUnitId,
      decisionNo: data.decisionNo,
      decidedOn: data.decidedOn,
      movement: data.movement,
      modelId: data.modelId ?? null,
      grantedBy: event.metadata['actor'] ?? null,
      grantRecordedAt: event.metadata['recordedAt'] ?? event.recordedAt.toISOString(),
      position: event.position.toString(),
    };
  }
}

export interface AwardHistoryFilter {
  readonly unitId?: string | undefined;
  /** Business dates (decision or revocation date), inclusive. */
  readonly from?: IsoDate | undefined;
  readonly to?: IsoDate | undefined;
}

/**
 * Every award event (grants and revocations) whose business date is in the range and
 * whose recipient is in the unit's current subtree, in log order, metadata included.
 * A revocation names no unit: its grant is read from the award's stream (revocations
 * are rare), so no set of award ids is kept.
 */
export async function* awardHistory(store: LogReader & Pick<EventStore, 'readStream'>, filter: AwardHistoryFilter): AsyncIterable<RecordedEvent> {
  const tree = filter.unitId === undefined ? undefined : await replayUnitTree(store);
  for await (const event of scanCommittedLog(store)) {
    if (!AWARD_TYPES.has(event.type)) continue;
    const domainEvent = toDomainEvent(event) as AwardGranted | AwardRevoked;
    const date = awardEventDate(domainEvent);
    if ((filter.from !== undefined && date < filter.from) || (filter.to !== undefined && date > filter.to)) continue;
    if (tree !== undefined && filter.unitId !== undefined) {
      const recipientUnitId = domainEvent.type === 'AwardGranted' ? domainEvent.data.recipientUnitId : await recipientUnitOf(store, domainEvent.data.awardId);
      if (recipientUnitId === undefined || !tree.isInSubtree(filter.unitId, recipientUnitId)) continue;
    }
    yield event;
  }
}

async function recipientUnitOf(store: Pick<EventStore, 'readStream'>, awardId: string): Promise<string | undefined> {
  const grant = (await store.readStream(awardStream(awardId))).find((event) => event.type === 'AwardGranted');
  return grant === undefined ? undefined : (toDomainEvent(grant) as AwardGranted).data.recipientUnitId;
}

/** Writes lines to a stream, waiting whenever its buffer is full (a slow client slows the scan, not the heap). */
export async function writeLines(lines: AsyncIterable<string>, out: NodeJS.WritableStream): Promise<number> {
  let count = 0;
  for await (const line of lines) {
    count++;
    if (!out.write(line)) await once(out, 'drain');
  }
  return count;
}
