import type { DomainEvent } from '#domain';
import { inTransaction, type EventStore, type RecordedEvent, type RepeatedKeys, type SqlPool } from '#event-store';
import { openReadModels } from '#read-models';
import { pgliteBackend } from '../../../event-store/src/testing/test-databases.js';
import { isSplitFold, type ProjectedEvent } from '../projection.js';
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

/**
 * The history projected by live batches of one event, of all and of three, then folded in
 * memory: the same rows each time. Returns the live rows.
 */
async function expectFoldAsLive(pool: SqlPool, history: readonly DomainEvent[]): Promise<Record<string, string[]>> {
  const projection = new PeriodStatsProjection();
  const events = recorded(history);
  await inTransaction(pool, (tx) => tx.query(`TRUNCATE ${TABLES.join(', ')}`));
  for (const event of events) await inTransaction(pool, (tx) => projection.apply(tx, [event]));
  const live = await snapshot(pool);
  // Each ancestor's subtree sums followed the merges: they are what the closure table gives.
  expect(await subtreeSumDisagreements(pool)).toEqual([]);

  // The same rows whatever the batches: the whole history in one, then in threes.
  for (const size of [events.length, 3]) {
    await inTransaction(pool, (tx) => tx.query(`TRUNCATE ${TABLES.join(', ')}`));
    for (let start = 0; start < events.length; start += size) {
      await inTransaction(pool, (tx) => projection.apply(tx, events.slice(start, start + size)));
    }
    expect(await snapshot(pool)).toEqual(live);
  }

  const fold = projection.foldInMemory();
  await fold.apply(events);
  await inTransaction(pool, async (tx) => {
    await tx.query(`TRUNCATE ${TABLES.join(', ')}`); // emptied in the write's transaction, as a rebuild does
    for (const load of fold.loads()) await load.write(tx);
  });
  expect(await snapshot(pool)).toEqual(live);
  return live;
}

describe('period-stats folded in memory', () => {
  let db: Awaited<ReturnType<typeof pgliteBackend.create>>;
  beforeAll(async () => {
    db = await pgliteBackend.create();
    await openReadModels(db.pool);
  });
  afterAll(() => db?.dispose());

  it('writes exactly the rows the live batches write, whatever their size, through nested merges', async () => {
    const live = await expectFoldAsLive(db.pool, HISTORY);
    expect(live.rm_unit_path_closure!.length).toBeGreaterThan(30);
    expect(await nonZeroSubtreeRows(db.pool)).toBeGreaterThan(3);
  });

  it("brings an imported log's facts recorded before their unit's registration into its ancestors' sums, whatever the batches", async () => {
    const live = await expectFoldAsLive(db.pool, [
      unit('vn', null),
      unit('p1', 'vn'),
      unit('p2', 'vn'),
      workdays('w1', 'c9', '2023-03-03', 2),
      workdays('w2', 'c9', '2024-03-03', 3),
      unit('c9', 'p1'),
      workdays('w3', 'c9', '2024-04-04', 4),
      merge('c9', 'p2', '2024-06-01'),
      unit('c9', 'p1'), // registered again: changes nothing, its path version included
      workdays('w4', 'c9', '2024-07-07', 5),
    ]);
    expect(live.rm_ledger_entries!.map((row) => JSON.parse(row) as { entry_id: string; path_version: number }).find((row) => row.entry_id === 'w4')?.path_version).toBe(1);
    const subtree = live.rm_subtree_stats!.map((row) => JSON.parse(row) as { ancestor_id: string; year: number; total: string });
    const totals = Object.fromEntries(subtree.map((row) => [`${row.ancestor_id} ${row.year}`, Number(row.total)]));
    expect(totals).toEqual({ 'vn 2023': 2, 'vn 2024': 12, 'p1 2023': 0, 'p1 2024': 0, 'p2 2023': 2, 'p2 2024': 12 });
  });

  describe('rows of zeros a merge leaves, moved with a later merge of the unit they lie at', () => {
    const history = [
      unit('vn', null),
      unit('p1', 'vn'),
      unit('p2', 'vn'),
      unit('p3', 'vn'),
      unit('c1', 'p1'),
      unit('c2', 'p1'),
      workdays('w1', 'c1', '2022-05-05', 3),
      workdays('w2', 'c2', '2023-05-05', 4),
      // p1 keeps a row of zeros for 2022; then p1 itself moves under p3, which gets that row too.
      merge('c1', 'p2', '2024-01-01'),
      merge('p1', 'p3', '2024-02-01'),
    ];
    let live: Record<string, string[]>;
    beforeAll(async () => {
      live = await expectFoldAsLive(db.pool, history);
    });

    it('are kept where the live batches keep them', () => {
      const zeros2022 = live.rm_subtree_stats!.map((row) => JSON.parse(row) as { ancestor_id: string; year: number; total: string });
      expect(zeros2022.filter((row) => row.year === 2022 && Number(row.total) === 0).map((row) => row.ancestor_id).sort()).toEqual(['p1', 'p3']);
    });

    it("are kept when the fold is split by stream and only another share's facts made them", async () => {
      const events = recorded(history);
      const inSecond = (event: ProjectedEvent) => event.recorded.streamName === 'ledger-c1';
      const first = new PeriodStatsProjection().foldInMemory();
      const second = new PeriodStatsProjection().foldInMemory();
      if (!isSplitFold(first) || !isSplitFold(second)) throw new Error('period-stats can be split');
      await first.apply(events.filter((event) => !inSecond(event)));
      await second.apply(
        events.flatMap((event) =>
          inSecond(event) ? [event] : first.typesOfEveryShare.includes(event.event.type) ? [{ ...event, recorded: { ...event.recorded, otherShare: true as const } }] : [],
        ),
      );
      first.mergeShare(second.takeShare().rows);
      await inTransaction(db.pool, async (tx) => {
        await tx.query(`TRUNCATE ${TABLES.join(', ')}`);
        for (const load of first.loads()) await load.write(tx);
      });
      expect(await snapshot(db.pool)).toEqual(live);
    });
  });

  describe("with the store's search for entry ids met again, which answers while the pass folds", () => {
    const events = recorded(HISTORY);
    /** The (ledger stream, entry id) pairs of the history met more than once, as the store finds them. */
    const repeated: RepeatedKeys = (() => {
      const counts = new Map<string, number>();
      for (const { event, recorded: r } of events) {
        const entryId = (event.data as { entryId?: string }).entryId;
        if (entryId === undefined) continue;
        const key = `${r.streamName}\u0000${entryId}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts].filter(([, n]) => n > 1).map(([key]) => key.split('\u0000') as [string, string]);
    })();

    let db: Awaited<ReturnType<typeof pgliteBackend.create>>;
    let live: Record<string, string[]>;
    beforeAll(async () => {
      db = await pgliteBackend.create();
      await openReadModels(db.pool);
      await inTransaction(db.pool, (tx) => new PeriodStatsProjection().apply(tx, events));
      live = await snapshot(db.pool);
    });
    afterAll(() => db?.dispose());

    /** Folds the history in pages of 5; the search answers (or fails) before page `answerAt`. */
    async function foldAnsweringAt(answerAt: number, answer: Promise<RepeatedKeys>): Promise<Record<string, string[]>> {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const store = {
        headCheckpoint: async () => events[events.length - 1]!.recorded.checkpoint,
        findRepeatedKeys: async () => {
          await released;
          return answer;
        },
      } as Partial<EventStore> as EventStore;
      const fold = new PeriodStatsProjection().foldInMemory();
      expect((await fold.begin(store)).stopAfter).toBe(String(events.length));
      const pages = Math.ceil(events.length / 5);
      expect(pages).toBe(5);
      for (let page = 0; page <= pages; page++) {
        if (page === answerAt) {
          release();
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (page < pages) await fold.apply(events.slice(page * 5, page * 5 + 5));
      }
      await inTransaction(db.pool, async (tx) => {
        await tx.query(`TRUNCATE ${TABLES.join(', ')}`);
        for (const load of fold.loads()) await load.write(tx);
      });
      return snapshot(db.pool);
    }

    it('finds entries met again in the history, so the answer matters', () => {
      expect(repeated).toEqual([['ledger-c1', 'w2']]);
    });

    it.each([
      ['before the first page', 0],
      ['after the first page', 1],
      ['before the page of the void', 4],
      ['after the last page, before the loads', 5],
      ['never', 99],
    ])('writes the rows the live batches write when it answers %s', async (_when, answerAt) => {
      expect(await foldAnsweringAt(answerAt, Promise.resolve(repeated))).toEqual(live);
    });

    it('fails the pass when the search fails', async () => {
      await expect(foldAnsweringAt(2, Promise.reject(new Error('search failed')))).rejects.toThrow('search failed');
    });
  });
});
