import { inTransaction } from '#event-store';
import { openReadModels } from '#read-models';
import { testBackends } from '../../../event-store/src/testing/test-databases.js';
import type { MonthSum } from './stats-accumulator.js';
import { addMonthSums } from './year-stats-upsert.js';

const sum = (amount: number, month = 3): MonthSum => ({ year: 2026, month, unitId: 'lb', pathVersion: 0, field: 'other', metric: 'contribution:road_km', amount });

describe.each(testBackends())('year statistics rows on $name', (backend) => {
  it('store one form of each number, however the amounts were cut into batches', async () => {
    const db = await backend.create();
    try {
      await openReadModels(db.pool);
      const rowText = async (unitId: string) => {
        const { rows } = await db.pool.query<{ total: string; m03: string; m04: string }>(
          'SELECT total::text, m03::text, m04::text FROM rm_year_stats WHERE unit_id = $1',
          [unitId],
        );
        return rows;
      };
      // Batch by batch: 0.5, then -0.5 and 1.25, then 0.75.
      for (const batch of [[sum(0.5)], [sum(-0.5), sum(1.25, 4)], [sum(0.75, 4)]]) await inTransaction(db.pool, (tx) => addMonthSums(tx, batch));
      // All at once, as the accumulator nets them within one batch.
      await inTransaction(db.pool, (tx) => addMonthSums(tx, [{ ...sum(0), unitId: 'all-at-once' }, { ...sum(2, 4), unitId: 'all-at-once' }]));
      expect(await rowText('lb')).toEqual([{ total: '2', m03: '0', m04: '2' }]);
      expect(await rowText('all-at-once')).toEqual(await rowText('lb'));
    } finally {
      await db.dispose();
    }
  });
});
