import { PostgresEventStore } from '#event-store';
import { openReadModels } from '#read-models';
import { testBackends } from '../../../event-store/src/testing/test-databases.js';
import { PeriodStatsProjection } from '../period-stats/period-stats.projection.js';
import { readRebuild, RebuildAlreadyRunningError, runningRebuilds, startJournaledRebuild } from './rebuild-journal.js';

describe.each(testBackends())('rebuild journal on $name', (backend) => {
  it('runs one rebuild of a projection at a time, and a rebuild whose process died no longer blocks the next', async () => {
    const db = await backend.create();
    const store = new PostgresEventStore(db.pool);
    await store.migrate();
    await openReadModels(db.pool);
    const projection = new PeriodStatsProjection();
    try {
      await db.pool.query(`INSERT INTO rm_rebuilds (rebuild_id, projection, version, status) VALUES ('other-process', 'period-stats', 1, 'running')`);
      await expect(startJournaledRebuild(store, db.pool, projection, { batchSize: 100 })).rejects.toBeInstanceOf(RebuildAlreadyRunningError);
      expect((await runningRebuilds(db.pool)).map((r) => r.rebuildId)).toEqual(['other-process']);

      // Its process stopped recording progress a minute ago.
      await db.pool.query(`UPDATE rm_rebuilds SET updated_at = now() - interval '1 minute' WHERE rebuild_id = 'other-process'`);
      expect(await readRebuild(db.pool, 'other-process')).toMatchObject({ status: 'failed', error: 'interrupted: its process stopped' });
      const { rebuildId, finished } = await startJournaledRebuild(store, db.pool, projection, { batchSize: 100 });
      expect(await finished).toMatchObject({ rebuildId, status: 'done', processed: 0, total: 0, etaSeconds: 0 });
      expect(await readRebuild(db.pool, 'other-process')).toMatchObject({ status: 'failed', error: 'interrupted: its process stopped' });
      expect(await runningRebuilds(db.pool)).toEqual([]);
    } finally {
      await db.dispose();
    }
  });
});
