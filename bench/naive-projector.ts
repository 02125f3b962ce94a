import { UNCLASSIFIED_FIELD, type DomainEvent } from '#domain';
import type { EventStore, SqlPool } from '#event-store';
import { toProjectedEvents } from '#projections';
import { AwardEntity, createReadModelDataSource, LedgerEntryEntity, ModelEntity, MONTH_COLUMNS, STAT_METRIC, YearStatEntity } from '#read-models';
import type { EntityManager } from 'typeorm';

/**
 * The baseline the rebuild is compared with: what a first projector written with an ORM
 * does — per event, one transaction that finds the rows the event touches and saves them
 * one by one. Same tables and metrics as period-stats (the unit tree aside).
 */
export async function runNaiveProjector(store: EventStore, naivePool: Promise<SqlPool>, events: number): Promise<{ eventsPerSec: number }> {
  const dataSource = createReadModelDataSource(await naivePool);
  await dataSource.initialize();
  let processed = 0;
  let after: string | undefined;
  const started = performance.now();
  // Counts only the facts (the unit tree and phases, which it skips, would flatter it).
  while (processed < events) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.length === 0) break;
    for (const { event } of toProjectedEvents(page)) {
      if (!FACTS.has(event.type) || processed >= events) continue;
      await dataSource.transaction((manager) => project(manager, event));
      processed++;
    }
    after = page[page.length - 1]!.checkpoint;
  }
  const eventsPerSec = Math.round(processed / ((performance.now() - started) / 1000));
  return { eventsPerSec };
}

const FACTS = new Set<DomainEvent['type']>([
  'ModelRegistered', 'ModelRecognized', 'AwardGranted', 'AwardRevoked', 'WorkdaysLogged', 'ContributionRecorded', 'EntryVoided',
]);

async function project(manager: EntityManager, event: DomainEvent): Promise<void> {
  switch (event.type) {
    case 'ModelRegistered': {
      const d = event.data;
      await manager.save(manager.create(ModelEntity, { ...d, status: 'registered', position: '0' }));
      return count(manager, d.registeredOn, d.unitId, d.field, STAT_METRIC.modelsRegistered(d.holderKind), 1);
    }
    case 'ModelRecognized': {
      const model = await manager.findOneBy(ModelEntity, { modelId: event.data.modelId });
      if (!model) return;
      model.status = event.data.level;
      await manager.save(model);
      const metric = event.data.level === 'exemplary' ? STAT_METRIC.modelsExemplary : STAT_METRIC.modelsRecognized;
      return count(manager, event.data.recognizedOn, model.unitId, model.field, metric, 1);
    }
    case 'AwardGranted': {
      const d = event.data;
      const model = d.modelId ? await manager.findOneBy(ModelEntity, { modelId: d.modelId }) : null;
      const field = model?.field ?? UNCLASSIFIED_FIELD;
      await manager.save(manager.create(AwardEntity, { ...d, modelId: d.modelId ?? null, field, status: 'granted', pathVersion: 0, position: '0' }));
      return count(manager, d.decidedOn, d.recipientUnitId, field, STAT_METRIC.awardsGranted(d.form, d.recipientKind), 1);
    }
    case 'AwardRevoked': {
      const award = await manager.findOneBy(AwardEntity, { awardId: event.data.awardId });
      if (!award || award.status === 'revoked') return;
      award.status = 'revoked';
      await manager.save(award);
      await count(manager, award.decidedOn, award.recipientUnitId, award.field, STAT_METRIC.awardsGranted(award.form, award.recipientKind), -1);
      return count(manager, event.data.revokedOn, award.recipientUnitId, award.field, STAT_METRIC.awardsRevoked, 1);
    }
    case 'WorkdaysLogged':
    case 'ContributionRecorded': {
      const d = event.data;
      const metric = event.type === 'WorkdaysLogged' ? STAT_METRIC.workdays : STAT_METRIC.contribution(event.data.metric);
      const quantity = event.type === 'WorkdaysLogged' ? event.data.workdays : event.data.quantity;
      const entry = { unitId: d.unitId, entryId: d.entryId, kind: event.type === 'WorkdaysLogged' ? 'workdays' : 'contribution', metric };
      await manager.save(manager.create(LedgerEntryEntity, { ...entry, quantity: String(quantity), onDate: d.on, field: UNCLASSIFIED_FIELD, modelId: null, voided: false, pathVersion: 0 }));
      return count(manager, d.on, d.unitId, UNCLASSIFIED_FIELD, metric, quantity);
    }
    case 'EntryVoided': {
      const entry = await manager.findOneBy(LedgerEntryEntity, { entryId: event.data.entryId });
      if (!entry || entry.voided) return;
      entry.voided = true;
      await manager.save(entry);
      return count(manager, entry.onDate, entry.unitId, entry.field, entry.metric, -Number(entry.quantity));
    }
    default:
      return;
  }
}

async function count(manager: EntityManager, day: string, unitId: string, field: string, metric: string, amount: number): Promise<void> {
  const year = Number(day.slice(0, 4));
  const month = MONTH_COLUMNS[Number(day.slice(5, 7)) - 1]!;
  const key = { year, unitId, pathVersion: 0, field, metric };
  const row =
    (await manager.findOneBy(YearStatEntity, key)) ??
    manager.create(YearStatEntity, { ...key, total: '0', ...Object.fromEntries(MONTH_COLUMNS.map((column) => [column, '0'])) });
  row.total = String(Number(row.total) + amount);
  row[month] = String(Number(row[month]) + amount);
  await manager.save(row);
}
