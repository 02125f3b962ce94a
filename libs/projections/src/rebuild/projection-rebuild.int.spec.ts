import { randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION } from '#domain';
import { PostgresEventStore, type SqlPool } from '#event-store';
import { openReadModels, STAT_METRIC } from '#read-models';
import { testBackends, type TestBackend, type TestDatabase } from '../../../event-store/src/testing/test-databases.js';
import { PeriodStatsProjection } from '../period-stats/period-stats.projection.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { generateHistory, type GeneratedEvent } from '../testing/generate-history.js';
import { readModelSnapshot } from '../testing/read-model-snapshot.js';
import { nonZeroSubtreeRows, subtreeSumDisagreements } from '../testing/subtree-sums.js';
import { ProjectionRebuild, type RebuildProgress } from './projection-rebuild.js';
import type { SplitPass } from './split-first-pass.js';
import { createShadowTables, rebuildSchemasFor, shadowTablesExist } from './shadow-tables.js';

const projection = new PeriodStatsProjection();

async function append(store: PostgresEventStore, events: readonly GeneratedEvent[], lanes = 4): Promise<bigint> {
  let last = 0n;
  const appendOne = async ({ stream, event }: GeneratedEvent) => {
    const metadata = { actor: 'test', schemaVersion: CURRENT_SCHEMA_VERSION[event.type] };
    const result = await store.append(stream, [{ eventId: randomUUID(), type: event.type, data: event.data, metadata }], 'any');
    if (result.position > last) last = result.position;
  };
  // Units first, in order, as the commands require (a fact about an unregistered unit, or a
  // unit under an unregistered parent, is refused): the lanes race only over the rest.
  for (const generated of events) if (generated.event.type === 'UnitRegistered') await appendOne(generated);
  // Each lane owns whole streams, so every stream keeps its order.
  const byLane: GeneratedEvent[][] = Array.from({ length: lanes }, () => []);
  const laneOf = new Map<string, number>();
  for (const generated of events) {
    if (generated.event.type === 'UnitRegistered') continue;
    let lane = laneOf.get(generated.stream);
    if (lane === undefined) laneOf.set(generated.stream, (lane = laneOf.size % lanes));
    byLane[lane]!.push(generated);
  }
  await Promise.all(
    byLane.map(async (lane) => {
      for (const generated of lane) await appendOne(generated);
    }),
  );
  return last;
}

/** The indexes of the live tables, by table and definition (names aside: a rebuild's are generated). */
async function indexes(pool: SqlPool): Promise<string[]> {
  const { rows } = await pool.query<{ index: string }>(
    `SELECT tablename || ': ' || regexp_replace(indexdef, 'INDEX \\S+ ON \\S+', 'INDEX ON') AS index
       FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) ORDER BY 1`,
    [projection.tables],
  );
  return rows.map((row) => row.index);
}

/** Every row of every table of the projection, and its checkpoint, in a stable order. */
const snapshot = (pool: SqlPool) => readModelSnapshot(pool, projection);

/** A fresh database with the event store's and the read models' tables. */
async function openStores(backend: TestBackend): Promise<{ db: TestDatabase; store: PostgresEventStore }> {
  const db = await backend.create();
  const store = new PostgresEventStore(db.pool);
  await store.migrate();
  await openReadModels(db.pool);
  return { db, store };
}

describe.each(testBackends())('period-stats rebuild on $name', (backend) => {
  it('builds tables equal row for row to the incrementally maintained ones, swaps them in while the live runner follows, and resumes after an interruption', async () => {
    const { db, store } = await openStores(backend);
    const live = new ProjectionRunner(store, db.pool, projection, { batchSize: 250, retryDelayMs: 20 });
    try {
      const history = [...generateHistory({ events: 22_000, provinces: 6, communesPerProvince: 10, mergeRate: 0.004, seed: 11 })];
      const types = new Set(history.map((g) => g.event.type));
      for (const type of ['UnitMerged', 'AwardRevoked', 'EntryVoided', 'ModelRecognized'] as const) expect(types).toContain(type);
      const [first, rest] = [history.slice(0, 20_000), history.slice(20_000)];

      // Incrementally maintained: the live runner follows the appends, 250 events a batch at most.
      await live.start();
      expect(await live.waitUntilCovered(await append(store, first), 120_000)).toBe(true);
      const incremental = await snapshot(db.pool);
      expect(incremental.rm_year_stats!.length).toBeGreaterThan(1000);
      // The subtree sums kept per ancestor, merges included, are what the closure table gives.
      expect(await nonZeroSubtreeRows(db.pool)).toBeGreaterThan(100);
      expect(await subtreeSumDisagreements(db.pool)).toEqual([]);

      const liveIndexes = await indexes(db.pool);
      expect(liveIndexes.filter((index) => index.startsWith('rm_awards:'))).toHaveLength(3);
      const progress: RebuildProgress[] = [];
      const quiet = await new ProjectionRebuild(store, db.pool, projection, { batchSize: 1000, onProgress: (p) => progress.push(p) }).run();
      expect(quiet).toEqual({ processed: 20_000, resumed: false });
      expect(await snapshot(db.pool)).toEqual(incremental);
      // The first pass loaded them without their secondary indexes, then built those.
      expect(await indexes(db.pool)).toEqual(liveIndexes);
      expect(progress.map((p) => p.processed)).toEqual([...progress.map((p) => p.processed)].sort((a, b) => a - b));
      expect(progress.at(-1)).toMatchObject({ processed: 20_000, total: 20_000, etaSeconds: 0 });
      // The first pass split by stream into three folds (here taking turns in this thread; the
      // CLI's threads are tested end to end): the same rows, the progress counted once per event.
      const split = { shares: 3, in: 'this-thread' } as const;
      const splitProgress: number[] = [];
      let shares = 0;
      const inShares = new ProjectionRebuild(store, db.pool, projection, {
        batchSize: 1000,
        split,
        onSplit: (count) => (shares = count),
        onProgress: (p) => splitProgress.push(p.processed),
      });
      expect(await inShares.run()).toEqual({ processed: 20_000, resumed: false });
      expect(shares).toBe(3);
      expect(await snapshot(db.pool)).toEqual(incremental);
      expect(splitProgress).toEqual([...splitProgress].sort((a, b) => a - b));
      expect(splitProgress.filter((processed) => processed < 20_000).length).toBeGreaterThan(10);
      expect(splitProgress.at(-1)).toBe(20_000);
      // Shares that outgrow their memory give way to one fold, which goes batch by batch.
      expect(await new ProjectionRebuild(store, db.pool, projection, { batchSize: 1000, split, inMemoryHeapMb: 1 }).run()).toEqual({ processed: 20_000, resumed: false });
      expect(await snapshot(db.pool)).toEqual(incremental);
      // With no heap to spare for a first pass in memory, it goes batch by batch: same rows.
      expect(await new ProjectionRebuild(store, db.pool, projection, { batchSize: 1000, inMemoryHeapMb: 1 }).run()).toEqual({ processed: 20_000, resumed: false });
      expect(await snapshot(db.pool)).toEqual(incremental);

      // A rebuild while events keep arriving and the live runner keeps projecting them.
      const [, lastPosition] = await Promise.all([
        new ProjectionRebuild(store, db.pool, projection, { batchSize: 1000 }).run(),
        append(store, rest, 2),
      ]);
      expect(await live.waitUntilCovered(lastPosition, 60_000)).toBe(true);
      const underLoad = await snapshot(db.pool);

      // Interrupted in its first pass (the fold in memory): nothing written, the next run starts clean.
      const interruptedAt = async (pages: number, options: { inMemoryEvents?: number; split?: SplitPass } = {}) => {
        const controller = new AbortController();
        let seen = 0;
        const interrupted = new ProjectionRebuild(store, db.pool, projection, {
          batchSize: 1000,
          ...options,
          signal: controller.signal,
          onProgress: () => ++seen === pages && controller.abort(),
        });
        await expect(interrupted.run()).rejects.toThrow();
        expect(await snapshot(db.pool)).toEqual(underLoad);
        expect(await shadowTablesExist(db.pool, projection, await rebuildSchemasFor(db.pool, projection))).toBe(true);
      };
      await interruptedAt(2);
      await interruptedAt(5, { split: { shares: 2, in: 'this-thread' } });
      // This time the first pass stops once it has folded 5,000 events (at the end of that
      // page) and writes them; interrupted a few batches after that, the next run resumes
      // from the checkpoint those batches left.
      await interruptedAt(7, { inMemoryEvents: 5000 });
      const resumed = await new ProjectionRebuild(store, db.pool, projection, { batchSize: 1000 }).run();
      expect(resumed).toEqual({ processed: 22_000, resumed: true });
      // Equal to the tables the live runner kept up to date under load, and to a clean rebuild.
      expect(await snapshot(db.pool)).toEqual(underLoad);
      expect(await shadowTablesExist(db.pool, projection, await rebuildSchemasFor(db.pool, projection))).toBe(false);
    } finally {
      await live.stop();
      await db.dispose();
    }
  }, 600_000);

  it('keeps in memory the ledger entries met again (voided, or logged twice under one id) and stops its first pass where the store looked for them', async () => {
    const { db, store } = await openStores(backend);
    const metadata = (type: keyof typeof CURRENT_SCHEMA_VERSION) => ({ actor: 'test', schemaVersion: CURRENT_SCHEMA_VERSION[type] });
    const logged = (entryId: string, workdays: number) => ({
      eventId: randomUUID(),
      type: 'WorkdaysLogged',
      data: { entryId, unitId: 'c', workdays, on: '2024-03-05' },
      metadata: metadata('WorkdaysLogged'),
    });
    const voided = (entryId: string) => ({ eventId: randomUUID(), type: 'EntryVoided', data: { entryId, reason: 'Nhập nhầm' }, metadata: metadata('EntryVoided') });
    try {
      await store.append('unit-vn', [{ eventId: randomUUID(), type: 'UnitRegistered', data: { unitId: 'vn', name: 'Trung ương', kind: 'central', parentId: null }, metadata: metadata('UnitRegistered') }], 'any');
      await store.append('unit-c', [{ eventId: randomUUID(), type: 'UnitRegistered', data: { unitId: 'c', name: 'Xã Đông', kind: 'commune', parentId: 'vn' }, metadata: metadata('UnitRegistered') }], 'any');
      // An imported log may hold an entry id twice: the second entry replaces the row, both count.
      await store.append('ledger-c', [logged('e1', 5), logged('e2', 7), logged('e2', 9), voided('e1'), logged('e3', 11), logged('e4', 3)], 'any');
      // Voided after the store's search: the first pass must stop before the void (e3 was
      // met once, so not kept), and the batches after it find e3's row in the table.
      let searches = 0;
      const searching: PostgresEventStore = Object.create(store, {
        findRepeatedKeys: {
          value: async (query: Parameters<PostgresEventStore['findRepeatedKeys']>[0]) => {
            searches++;
            const found = await store.findRepeatedKeys(query);
            await store.append('ledger-c', [voided('e3')], 'any');
            return found;
          },
        },
      });

      expect(await new ProjectionRebuild(searching, db.pool, projection, { batchSize: 1000 }).run()).toEqual({ processed: 9, resumed: false });
      expect(searches).toBe(1);
      const { rows: entries } = await db.pool.query<{ entry_id: string; quantity: string; voided: boolean }>(
        'SELECT entry_id, quantity::text AS quantity, voided FROM rm_ledger_entries ORDER BY entry_id',
      );
      expect(entries).toEqual([
        { entry_id: 'e1', quantity: '5', voided: true },
        { entry_id: 'e2', quantity: '9', voided: false },
        { entry_id: 'e3', quantity: '11', voided: true },
        { entry_id: 'e4', quantity: '3', voided: false },
      ]);
      const { rows: sums } = await db.pool.query<{ unit_id: string; total: string }>(
        `SELECT unit_id, sum(total)::text AS total FROM rm_year_stats WHERE metric = $1 GROUP BY unit_id`,
        [STAT_METRIC.workdays],
      );
      expect(sums).toEqual([{ unit_id: 'c', total: String(7 + 9 + 3) }]);
    } finally {
      await db.dispose();
    }
  }, 60_000);

  it('stops, writing nothing, when another rebuild recreated its tables while it folded', async () => {
    const { db, store } = await openStores(backend);
    try {
      await append(store, [...generateHistory({ events: 400, provinces: 2, communesPerProvince: 3, seed: 5 })]);
      const before = await snapshot(db.pool);
      let recreated = false;
      const racing: PostgresEventStore = Object.create(store, {
        readAll: {
          value: async (options: Parameters<PostgresEventStore['readAll']>[0]) => {
            if (!recreated) {
              recreated = true;
              // A second rebuild (this one looked stalled) starts over in the same schema.
              await createShadowTables(db.pool, projection, await rebuildSchemasFor(db.pool, projection), { logged: true });
            }
            return store.readAll(options);
          },
        },
      });
      await expect(new ProjectionRebuild(racing, db.pool, projection, { batchSize: 1000 }).run()).rejects.toThrow(/Another rebuild recreated/);
      expect(recreated).toBe(true);
      expect(await snapshot(db.pool)).toEqual(before);
      const { rows } = await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${(await rebuildSchemasFor(db.pool, projection)).shadow}".rm_year_stats`);
      expect(rows[0]!.n).toBe('0');
    } finally {
      await db.dispose();
    }
  }, 60_000);

  it('leaves tables built by another projection version serving, untouched, until a rebuild of the new version swaps its own in', async () => {
    const { db, store } = await openStores(backend);
    const history = [...generateHistory({ events: 400, provinces: 2, communesPerProvince: 3, seed: 3 })];
    const v1 = new ProjectionRunner(store, db.pool, projection, { batchSize: 100 });
    // The same rows, as if its code had changed: the stored tables are the version before it.
    const nextVersion = Object.assign(new PeriodStatsProjection(), { version: projection.version + 1 });
    const v2 = new ProjectionRunner(store, db.pool, nextVersion, { batchSize: 100, rebuildPollMs: 20 });
    try {
      await v1.start();
      expect(await v1.waitUntilCovered(await append(store, history.slice(0, 300)), 30_000)).toBe(true);
      await v1.stop();
      const before = await snapshot(db.pool);

      await v2.start();
      const last = await append(store, history.slice(300));
      for (let waited = 0; v2.status !== 'rebuild required' && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(v2.status).toBe('rebuild required');
      // Several of its polls later, the old tables are still as they were.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await snapshot(db.pool)).toEqual(before);

      await new ProjectionRebuild(store, db.pool, nextVersion, { batchSize: 1000 }).run();
      expect(await v2.waitUntilCovered(last, 30_000)).toBe(true);
      expect(v2.status).toBe('following');
      const { rows } = await db.pool.query<{ version: number }>('SELECT version FROM rm_projection_checkpoints');
      expect(rows.map((row) => Number(row.version))).toEqual([nextVersion.version]);
    } finally {
      await v2.stop();
      await db.dispose();
    }
  }, 120_000);
});

const server = testBackends().find((backend) => backend.name === 'postgres');

if (server) {
  describe('period-stats rebuild on postgres: the swap beside readers', () => {
    it('gives way to a reader that holds one live table and asks for another, instead of deadlocking with it', async () => {
      const { db, store } = await openStores(server);
      const reader = db.openAnother!({ applicationName: 'swap-reader' });
      const tx = await reader.connect();
      try {
        await append(store, [...generateHistory({ events: 300, provinces: 2, communesPerProvince: 3, seed: 9 })]);
        // A stats query's order: the year rows first, then the units.
        await tx.query('BEGIN');
        await tx.query('SELECT count(*) FROM rm_year_stats');
        const rebuilt = new ProjectionRebuild(store, db.pool, projection, { batchSize: 1000 }).run();
        rebuilt.catch(() => undefined); // awaited below
        // The swap holds some live tables and waits for the year rows the reader holds.
        const waiting = `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                          WHERE NOT l.granted AND c.relname = 'rm_year_stats' AND l.mode = 'AccessExclusiveLock'`;
        for (let waited = 0; (await db.pool.query(waiting)).rows.length === 0; waited += 5) {
          if (waited > 30_000) throw new Error('the swap never waited for the reader');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        // Left waiting for the swap past the server's deadlock_timeout (1 s), the reader or the swap would be aborted.
        await expect(tx.query('SELECT count(*) FROM rm_units')).resolves.toBeDefined();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await tx.query('COMMIT');
        expect((await rebuilt).processed).toBeGreaterThan(0);
        expect(await shadowTablesExist(db.pool, projection, await rebuildSchemasFor(db.pool, projection))).toBe(false);
      } finally {
        tx.release();
        await db.dispose(); // ends the reader's pool too
      }
    }, 120_000);

    it('drops the tables it retired once the swap has committed, and those a crash left before an earlier swap could', async () => {
      const { db, store } = await openStores(server);
      try {
        const last = await append(store, [...generateHistory({ events: 300, provinces: 2, communesPerProvince: 3, seed: 5 })]);
        const schemas = await rebuildSchemasFor(db.pool, projection);
        const schemaExists = async (name: string) => (await db.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name])).rows.length > 0;
        // As a crash between a swap and its clean-up leaves them: the old tables, still full.
        await db.pool.query(`CREATE SCHEMA "${schemas.retired}"`);
        await db.pool.query(`CREATE TABLE "${schemas.retired}".rm_year_stats AS SELECT * FROM rm_year_stats`);
        const rebuilt = await new ProjectionRebuild(store, db.pool, projection, { batchSize: 1000 }).run();
        expect(rebuilt.processed).toBeGreaterThan(0);
        expect(await schemaExists(schemas.retired)).toBe(false);
        expect(await schemaExists(schemas.shadow)).toBe(false);
        const { rows } = await db.pool.query<{ position: string }>('SELECT position FROM rm_projection_checkpoints WHERE projection = $1', [projection.name]);
        expect(BigInt(rows[0]!.position)).toBe(last);
      } finally {
        await db.dispose();
      }
    }, 120_000);
  });
}
