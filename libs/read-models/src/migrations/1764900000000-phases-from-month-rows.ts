import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phases now run over whole months and are answered from year and month rows: the per-day
 * rows (kept only to sum a phase defined after its facts) and the phases' own rows go.
 */
export class PhasesFromMonthRows1764900000000 implements MigrationInterface {
  name = 'PhasesFromMonthRows1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rm_stats_daily');
    await queryRunner.query("DELETE FROM rm_period_stats WHERE period_key LIKE 'phase:%'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The phase rows are not restored: a rebuild of the projection recreates them.
    await queryRunner.query(`
      CREATE TABLE rm_stats_daily (
        day          date NOT NULL,
        unit_id      text NOT NULL,
        path_version integer NOT NULL,
        field        text NOT NULL,
        metric       text NOT NULL,
        value        numeric NOT NULL,
        PRIMARY KEY (day, unit_id, path_version, field, metric)
      )`);
  }
}
