import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '#domain';
import { PostgresEventStore, type SqlPool } from '#event-store';
import { MONTH_COLUMNS, openReadModels, StatsReader, yearSpansFor } from '#read-models';
import { testBackends } from '../../../event-store/src/testing/test-databases.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { PeriodStatsProjection } from './period-stats.projection.js';

const streamOf = (event: DomainEvent): string => {
  const d = event.data as Record<string, string>;
  switch (event.type) {
    case 'UnitRegistered':
    case 'UnitMerged':
      return `unit-${d.unitId}`;
    case 'PhaseDefined':
      return `phase-${d.phaseId}`;
    case 'ModelRegistered':
    case 'ModelRecognized':
    case 'ModelWithdrawn':
      return `model-${d.modelId}`;
    case 'AwardGranted':
    case 'AwardRevoked':
      return `award-${d.awardId}`;
    case 'WorkdaysLogged':
    case 'ContributionRecorded':
      return `ledger-${d.unitId}`;
    case 'EntryVoided':
      return 'ledger-lb';
    default:
      throw new Error(`no stream for ${event.type}`);
  }
};

/** A small history whose statistics are worked out by hand below, not by the projection's code. */
const HISTORY: DomainEvent[] = [
  { type: 'UnitRegistered', data: { unitId: 'vn', name: 'Trung ương', kind: 'central', parentId: null } },
  { type: 'UnitRegistered', data: { unitId: 'tq', name: 'Tuyên Quang', kind: 'province', parentId: 'vn' } },
  { type: 'UnitRegistered', data: { unitId: 'lb', name: 'Lâm Bình', kind: 'commune', parentId: 'tq' } },
  { type: 'UnitRegistered', data: { unitId: 'hg', name: 'Hà Giang', kind: 'province', parentId: 'vn' } },
  { type: 'PhaseDefined', data: { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' } },
  { type: 'ModelRegistered', data: { modelId: 'm1', unitId: 'lb', title: 'Dân vận khéo', field: 'economy', holderKind: 'collective', holderName: 'Hội Phụ nữ', registeredOn: '2024-03-10' } },
  { type: 'ModelRecognized', data: { modelId: 'm1', level: 'recognized', recognizedOn: '2024-06-01', byUnitId: 'tq' } },
  { type: 'ModelRecognized', data: { modelId: 'm1', level: 'exemplary', recognizedOn: '2025-02-01', byUnitId: 'tq' } },
  { type: 'ModelRegistered', data: { modelId: 'm2', unitId: 'hg', title: 'Mô hình 2', field: 'culture_society', holderKind: 'individual', holderName: 'Nguyễn Văn A', registeredOn: '2025-03-01' } },
  { type: 'ModelWithdrawn', data: { modelId: 'm2', withdrawnOn: '2025-08-01', reason: 'Không duy trì' } },
  { type: 'AwardGranted', data: { awardId: 'a1', recipientKind: 'collective', recipientName: 'Hội Phụ nữ', recipientUnitId: 'lb', form: 'bang_khen', issuerUnitId: 'tq', decisionNo: '1/QĐ-UBND', decidedOn: '2024-07-01', movement: 'dan_van_kheo', modelId: 'm1' } },
  { type: 'AwardGranted', data: { awardId: 'a2', recipientKind: 'individual', recipientName: 'Nguyễn Văn A', recipientUnitId: 'hg', form: 'giay_khen', issuerUnitId: 'hg', decisionNo: '2/QĐ-UBND', decidedOn: '2025-05-05', movement: 'dan_van_kheo' } },
  { type: 'WorkdaysLogged', data: { entryId: 'w1', unitId: 'lb', workdays: 10, on: '2024-02-02', modelId: 'm1' } },
  { type: 'ContributionRecorded', data: { entryId: 'c1', unitId: 'hg', metric: 'road_km', quantity: 2.5, on: '2025-09-09' } },
  { type: 'ContributionRecorded', data: { entryId: 'c2', unitId: 'lb', metric: 'funds_vnd', quantity: 1000000, on: '2024-02-02' } },
  { type: 'EntryVoided', data: { entryId: 'c2', reason: 'Nhập nhầm' } },
  { type: 'UnitMerged', data: { unitId: 'hg', intoUnitId: 'tq', effectiveOn: '2025-07-01' } },
  { type: 'AwardRevoked', data: { awardId: 'a2', revokedOn: '2026-01-10', decisionNo: '3/QĐ-UBND', reason: 'Sai đối tượng' } },
  { type: 'ContributionRecorded', data: { entryId: 'c3', unitId: 'lb', metric: 'road_km', quantity: 0.1, on: '2026-03-03' } },
  { type: 'ContributionRecorded', data: { entryId: 'c4', unitId: 'lb', metric: 'road_km', quantity: 0.2, on: '2026-03-04' } },
  // Defined after every fact they cover: one of whole years, one not.
  { type: 'PhaseDefined', data: { phaseId: '2025-2030', name: 'Giai đoạn 2025-2030', startsOn: '2025-01-01', endsOn: '2030-12-31' } },
  { type: 'PhaseDefined', data: { phaseId: 'dot-2025', name: 'Đợt thi đua 2025', startsOn: '2025-03-01', endsOn: '2025-09-30' } },
  { type: 'ContributionRecorded', data: { entryId: 'c5', unitId: 'lb', metric: 'road_km', quantity: 1, on: '2025-09-30' } },
];

/** Sum of a subtree's rows per metric (all fields), read with plain SQL. */
async function totals(pool: SqlPool, period: string, unit: string, field?: string): Promise<Record<string, number>> {
  const { rows: phases } = await pool.query<{ phase_id: string; starts_on: string; ends_on: string }>(
    'SELECT phase_id, starts_on, ends_on FROM rm_phases',
  );
  const spans = phases.map((p) => ({ phaseId: p.phase_id, startsOn: p.starts_on, endsOn: p.ends_on }));
  // Month by month, never from the year totals: the two must agree.
  const months = yearSpansFor(period, spans).flatMap((span) =>
    MONTH_COLUMNS.slice(span.first - 1, span.last).map((column) => `SELECT s.metric, s.${column} AS value FROM rm_year_stats s
       JOIN rm_unit_closure c ON c.descendant_id = s.unit_id
      WHERE c.ancestor_id = $1 AND s.year = ${span.year} AND ($2::text IS NULL OR s.field = $2)`),
  );
  const { rows } = await pool.query<{ metric: string; value: string }>(
    `SELECT metric, sum(value) AS value FROM (${months.join(' UNION ALL ')}) AS m GROUP BY metric`,
    [unit, field ?? null],
  );
  return Object.fromEntries(rows.filter((r) => Number(r.value) !== 0).map((r) => [r.metric, Number(r.value)]));
}

describe.each(testBackends())('period-stats projection on $name', (backend) => {
  for (const batchSize of [1, 7, 1000]) {
    it(`counts a hand-checked history the same with batches of ${batchSize}, across a restart`, async () => {
      const db = await backend.create();
      try {
        const store = new PostgresEventStore(db.pool, { pollIntervalMs: 10 });
        await store.migrate();
        const readModels = await openReadModels(db.pool);
        let last = 0n;
        const half = Math.floor(HISTORY.length / 2);
        const runOver = async (events: DomainEvent[]) => {
          for (const event of events) {
            const result = await store.append(streamOf(event), [{ eventId: randomUUID(), type: event.type, data: event.data, metadata: { schemaVersion: 1 } }], 'any');
            last = result.position;
          }
          const runner = new ProjectionRunner(store, db.pool, new PeriodStatsProjection(), { batchSize });
          await runner.start();
          expect(await runner.waitUntilCovered(last, 10_000)).toBe(true);
          await runner.stop();
        };
        await runOver(HISTORY.slice(0, half));
        await runOver(HISTORY.slice(half));
        const { rows: offTotals } = await db.pool.query(`SELECT * FROM rm_year_stats WHERE total <> ${MONTH_COLUMNS.join(' + ')}`);
        expect(offTotals).toEqual([]);

        expect(await totals(db.pool, 'phase:2021-2025', 'tq')).toEqual({
          'models_registered:collective': 1,
          'models_registered:individual': 1,
          models_recognized: 1,
          models_exemplary: 1,
          models_withdrawn: 1,
          'awards_granted:bang_khen:collective': 1,
          workdays: 10,
          'contribution:road_km': 3.5,
        });
        expect(await totals(db.pool, 'phase:2025-2030', 'vn')).toEqual({
          'models_registered:individual': 1,
          models_exemplary: 1,
          models_withdrawn: 1,
          awards_revoked: 1,
          'contribution:road_km': 3.8,
        });
        expect(await totals(db.pool, 'phase:dot-2025', 'tq')).toEqual({
          'models_registered:individual': 1,
          models_withdrawn: 1,
          'contribution:road_km': 3.5,
        });
        expect(await totals(db.pool, 'year:2024', 'lb')).toEqual({
          'models_registered:collective': 1,
          models_recognized: 1,
          'awards_granted:bang_khen:collective': 1,
          workdays: 10,
        });
        expect(await totals(db.pool, 'half:2025-H1', 'hg')).toEqual({
          'models_registered:individual': 1,
        });
        expect(await totals(db.pool, 'quarter:2024-Q3', 'tq', 'economy')).toEqual({ 'awards_granted:bang_khen:collective': 1 });
        expect(await totals(db.pool, 'month:2024-02', 'vn', 'economy')).toEqual({ workdays: 10 });
        expect(await totals(db.pool, 'month:2024-02', 'vn', 'unclassified')).toEqual({});
        expect(await totals(db.pool, 'year:2026', 'tq')).toEqual({ awards_revoked: 1, 'contribution:road_km': 0.3 });
        // As recorded: hg's facts before its merge stay beside tq (under vn); the revocation,
        // recorded after the merge, counts under tq, while the grant it takes back stays
        // taken back where it was counted.
        const reader = new StatsReader(readModels);
        const asRecorded = await reader.stats('tq', 'phase:2021-2025', 'as-recorded');
        expect(asRecorded.totals).toMatchObject({
          modelsRegistered: 1,
          modelsRegisteredCollective: 1,
          modelsRegisteredIndividual: 0,
          modelsRecognized: 1,
          modelsExemplary: 1,
          modelsWithdrawn: 0,
          awardsGranted: 1,
          workdays: 10,
        });
        expect(asRecorded.totals.contributions.road_km).toBe(1); // c5 at lb, not c1 at hg
        const current = await reader.stats('tq', 'phase:2021-2025');
        expect(current.totals).toMatchObject({ modelsRegistered: 2, modelsWithdrawn: 1, awardsGranted: 1 });
        expect(current.totals.contributions.road_km).toBe(3.5);
        const revokedAsRecorded = await reader.stats('tq', 'year:2026', 'as-recorded');
        expect(revokedAsRecorded.totals.awardsRevoked).toBe(1);
        expect((await reader.stats('vn', 'year:2025', 'as-recorded')).totals).toEqual((await reader.stats('vn', 'year:2025')).totals);
        const hgOwn = await reader.stats('hg', 'year:2025', 'as-recorded');
        expect(hgOwn.totals).toMatchObject({ modelsRegistered: 1, modelsWithdrawn: 1, awardsGranted: 0 });
        // Before the merge hg stood beside tq; now it counts inside tq's subtree.
        const { rows } = await db.pool.query<{ ancestor_id: string }>(
          "SELECT ancestor_id FROM rm_unit_closure WHERE descendant_id = 'hg' ORDER BY depth",
        );
        expect(rows.map((r) => r.ancestor_id)).toEqual(['hg', 'tq', 'vn']);
        const { rows: awards } = await db.pool.query<{ award_id: string; status: string; field: string }>(
          'SELECT award_id, status, field FROM rm_awards ORDER BY award_id',
        );
        expect(awards).toEqual([
          { award_id: 'a1', status: 'granted', field: 'economy' },
          { award_id: 'a2', status: 'revoked', field: 'unclassified' },
        ]);
      } finally {
        await db.dispose();
      }
    });
  }
});
