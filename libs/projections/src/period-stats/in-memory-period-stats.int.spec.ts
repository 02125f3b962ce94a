import type { DomainEvent } from '#domain';
import { inTransaction, type RecordedEvent, type SqlPool } from '#event-store';
import { openReadModels } from '#read-models';
import { pgliteBackend } from '../../../event-store/src/testing/test-databases.js';
import type { ProjectedEvent } from '../projection.js';
import { nonZeroSubtreeRows, subtreeSumDisagreements } from '../testing/subtree-sums.js';
import { PeriodStatsProjection } from './period-stats.projection.js';

const unit = (unitId: string, parentId: string | null): DomainEvent => ({
  type: 'UnitRegistered',
  data: { unitId, name: `Đơn vị ${unitId}`, kind: parentId ? 'commune' : 'central', parentId },
});
const merge = (unitId: string, intoUnitId: string, effectiveOn: string): DomainEvent => ({
  type: 'UnitMerged',
  data: { unitId, intoUnitId, effectiveOn, decisionNo: `${unitId}/QĐ` },
});
const workdays = (entryId: string, unitId: string, on: string, days: number): DomainEvent => ({
  type: 'WorkdaysLogged',
  data: { entryId, unitId, workdays: days, on },
});

/**
 * Merges the generated histories rarely make: a province with communes merged (its subtree
 * moves), a commune taking the only facts of a year out of its province's subtree for good, a unit
 * registered under a merged unit, a unit merged twice over, a unit merged into a unit that
 * itself moves later, and a parent registered after its child.
 */
const HISTORY: DomainEvent[] = [
  unit('vn', null),
  unit('p1', 'vn'),
  unit('p2', 'vn'),
  unit('c1', 'p1'),
  unit('c2', 'p1'),
  unit('c3', 'p2'),
  unit('c5', 'p1'),
  unit('x1', 'late'),
  workdays('w1', 'c1', '2024-01-05', 3),
  merge('p1', 'p2', '2024-06-01'),
  workdays('w2', 'c1', '2024-07-05', 4),
  unit('c4', 'p1'),
  workdays('w3', 'c4', '2024-08-05', 5),
  workdays('w5', 'c2', '2023-08-20', 7),
  workdays('w6', 'c5', '2022-03-03', 2),
  merge('c5', 'p2', '2024-08-25'),
  merge('c2', 'c3', '2024-09-01'),
  merge('c3', 'c1', '2024-10-01'),
  unit('late', 'p2'),
  merge('p2', 'vn', '2025-01-01'),
  workdays('w4', 'c2', '2025-02-02', 6),
  { type: 'EntryVoided', data: { entryId: 'w2', reason: 'Nhập nhầm' } },
  {
    type: 'AwardGranted',
    data: { awardId: 'a1', recipientKind: 'collective', recipientName: 'Xã c4', recipientUnitId: 'c4', form: 'giay_khen', issuerUnitId: 'p2', decisionNo: '1/QĐ', decidedOn: '2024-12-01', movement: 'dan_van_kheo' },
  },
  merge('c4', 'c1', '2025-03-01'),
  { type: 'AwardRevoked', data: { awardId: 'a1', revokedOn: '2025-04-01', decisionNo: '2/QĐ', reason: 'Sai' } },
];

function recorded(history: readonly DomainEvent[]): ProjectedEvent[] {
  return history.map((event, index) => {
    const d = event.data as Record<string, string>;
    const streamName =
      event.type === 'WorkdaysLogged' ? `ledger-${d.unitId}` : event.type === 'EntryVoided' ? 'ledger-c1' : `${event.type}-${index}`;
    const record: RecordedEvent = {
      eventId: `e${index}`,
      type: event.type,
      streamName,
      revision: 0n,
      position: BigInt(index + 1),
      checkpoint: String(index + 1),
      data: event.data,
      metadata: {},
      recordedAt: new Date(0),
    };
    return { event, recorded: record };
  });
}

const TABLES = new PeriodStatsProjection().tables;

async function snapshot(pool: SqlPool): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of TABLES) tables[table] = (await pool.query(`SELECT * FROM ${table}`)).rows.map((row) => JSON.stringify(row)).sort();
  return tables;
}

describe('period-stats folded in memory', () => {
  it('writes exactly the rows the live batches write, whatever their size, through nested merges', async () => {
    const db = await pgliteBackend.create();
    try {
      await openReadModels(db.pool);
      const projection = new PeriodStatsProjection();
      const events = recorded(HISTORY);
      for (const event of events) await inTransaction(db.pool, (tx) => projection.apply(tx, [event]));
      const live = await snapshot(db.pool);
      expect(live.rm_unit_path_closure!.length).toBeGreaterThan(30);
      // Each ancestor's subtree sums followed the merges: they are what the closure table gives.
      expect(await nonZeroSubtreeRows(db.pool)).toBeGreaterThan(3);
      expect(await subtreeSumDisagreements(db.pool)).toEqual([]);

      // The same rows whatever the batches: the whole history in one, then in threes.
      for (const size of [events.length, 3]) {
        await inTransaction(db.pool, (tx) => tx.query(`TRUNCATE ${TABLES.join(', ')}`));
        for (let start = 0; start < events.length; start += size) {
          await inTransaction(db.pool, (tx) => projection.apply(tx, events.slice(start, start + size)));
        }
        expect(await snapshot(db.pool)).toEqual(live);
      }

      const fold = projection.foldInMemory();
      await fold.apply(events);
      await inTransaction(db.pool, async (tx) => {
        await tx.query(`TRUNCATE ${TABLES.join(', ')}`); // emptied in the write's transaction, as a rebuild does
        for (const load of fold.loads()) await load.write(tx);
      });
      expect(await snapshot(db.pool)).toEqual(live);
    } finally {
      await db.dispose();
    }
  });
});
