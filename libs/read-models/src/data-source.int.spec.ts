import { testBackends } from '../../event-store/src/testing/test-databases.js';
import { createReadModelDataSource, openReadModels } from './data-source.js';
import { InitialReadModels1764000000000 } from './migrations/1764000000000-initial-read-models.js';
import { YearStatRows1764900000000 } from './migrations/1764900000000-year-stat-rows.js';

describe.each(testBackends())('read-model migrations on $name', (backend) => {
  it('creates the tables once and is a no-op when run again', async () => {
    const db = await backend.create();
    try {
      const first = await openReadModels(db.pool);
      const tables = await first.query(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'rm_%' AND table_schema = current_schema() ORDER BY 1",
      );
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual([
        'rm_awards', 'rm_ledger_entries', 'rm_migrations', 'rm_models', 'rm_phases',
        'rm_projection_checkpoints', 'rm_rebuilds', 'rm_subtree_stats', 'rm_unit_closure', 'rm_unit_path_closure', 'rm_units', 'rm_year_stats',
      ]);
      const again = await first.runMigrations({ transaction: 'each' });
      expect(again).toEqual([]);
    } finally {
      await db.dispose();
    }
  });

  it('makes identifiers and codes compare byte by byte, keeps names in the database collation, and can undo it', async () => {
    const db = await backend.create();
    try {
      const dataSource = await openReadModels(db.pool);
      const collations = async () =>
        Object.fromEntries(
          (
            await dataSource.query(
              `SELECT table_name || '.' || column_name AS column, coalesce(collation_name, 'default') AS collation FROM information_schema.columns
                WHERE table_schema = current_schema() AND (table_name, column_name) IN
                  (('rm_ledger_entries', 'entry_id'), ('rm_ledger_entries', 'unit_id'), ('rm_year_stats', 'metric'), ('rm_awards', 'award_id'),
                   ('rm_models', 'title'), ('rm_awards', 'recipient_name'))`,
            )
          ).map((row: { column: string; collation: string }) => [row.column, row.collation]),
        );
      expect(await collations()).toEqual({
        'rm_ledger_entries.entry_id': 'C',
        'rm_ledger_entries.unit_id': 'C',
        'rm_year_stats.metric': 'C',
        'rm_awards.award_id': 'C',
        'rm_models.title': 'default',
        'rm_awards.recipient_name': 'default',
      });
      // Byte order: upper case before lower case, whatever the database's locale says.
      await dataSource.query(`INSERT INTO rm_phases (phase_id, name, starts_on, ends_on) VALUES ('b', 'b', '2021-01-01', '2021-12-31'), ('B', 'B', '2021-01-01', '2021-12-31'), ('a', 'a', '2021-01-01', '2021-12-31')`);
      expect((await dataSource.query('SELECT phase_id FROM rm_phases ORDER BY phase_id')).map((row: { phase_id: string }) => row.phase_id)).toEqual(['B', 'a', 'b']);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(Object.values(await collations())).toEqual(Array(6).fill('default'));
    } finally {
      await db.dispose();
    }
  });

  it('carries year and month rows over into year rows, dropping per-day and per-phase rows', async () => {
    const db = await backend.create();
    try {
      const dataSource = createReadModelDataSource(db.pool);
      await dataSource.initialize();
      const runner = dataSource.createQueryRunner();
      await new InitialReadModels1764000000000().up(runner);
      await runner.query(`INSERT INTO rm_period_stats VALUES
        ('year:2024', 'tq', 0, 'economy', 'workdays', 3.5), ('month:2024-02', 'tq', 0, 'economy', 'workdays', 1.25),
        ('month:2024-12', 'tq', 0, 'economy', 'workdays', 2.25), ('phase:2021-2025', 'tq', 0, 'economy', 'workdays', 99),
        ('year:2025', 'tq', 1, 'other', 'awards_revoked', 1), ('month:2025-01', 'tq', 1, 'other', 'awards_revoked', 1)`);
      await new YearStatRows1764900000000().up(runner);
      const rows = await runner.query(
        'SELECT year, unit_id, path_version, field, metric, total::text, m01::text, m02::text, m12::text FROM rm_year_stats ORDER BY year',
      );
      expect(rows).toEqual([
        { year: 2024, unit_id: 'tq', path_version: 0, field: 'economy', metric: 'workdays', total: '3.5', m01: '0', m02: '1.25', m12: '2.25' },
        { year: 2025, unit_id: 'tq', path_version: 1, field: 'other', metric: 'awards_revoked', total: '1', m01: '1', m02: '0', m12: '0' },
      ]);
      // Not destroyed: that would end the shared pool, which the backend disposes.
      await runner.release();
    } finally {
      await db.dispose();
    }
  });
});
