import { testBackends } from '../../event-store/src/testing/test-databases.js';
import { openReadModels } from './data-source.js';

describe.each(testBackends())('read-model migrations on $name', (backend) => {
  it('creates the tables once and is a no-op when run again', async () => {
    const db = await backend.create();
    try {
      const first = await openReadModels(db.pool);
      const tables = await first.query(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'rm_%' AND table_schema = current_schema() ORDER BY 1",
      );
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual([
        'rm_awards', 'rm_ledger_entries', 'rm_migrations', 'rm_models', 'rm_period_stats',
        'rm_phases', 'rm_projection_checkpoints', 'rm_unit_closure', 'rm_unit_path_closure', 'rm_units',
      ]);
      const again = await first.runMigrations({ transaction: 'each' });
      expect(again).toEqual([]);
    } finally {
      await db.dispose();
    }
  });
});
