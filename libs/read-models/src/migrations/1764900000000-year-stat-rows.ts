import type { MigrationInterface, QueryRunner } from 'typeorm';

// A migration is a frozen snapshot: it does not import the live column list.
const MONTHS = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

/**
 * Statistics move to one row per year × unit × path version × field × metric holding the
 * year's total and its twelve months, so a fact writes one row instead of a year row and a
 * month row (and, before, a per-day row and one per phase). Halves, quarters and phases
 * (which run over whole months, a domain rule) are sums over these rows at query time.
 * Existing year and month rows are carried over; per-day and per-phase rows are dropped.
 */
export class YearStatRows1764900000000 implements MigrationInterface {
  name = 'YearStatRows1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rm_year_stats (
        year         integer NOT NULL,
        unit_id      text NOT NULL,
        path_version integer NOT NULL,
        field        text NOT NULL,
        metric       text NOT NULL,
        total        numeric NOT NULL,
        ${MONTHS.map((m) => `${m} numeric NOT NULL`).join(',\n        ')},
        PRIMARY KEY (unit_id, year, path_version, field, metric)
      ) WITH (fillfactor = 80)`);
    // Keyed by unit first: a subtree query reads each of its units' years as one range.
    // fillfactor: room on each page for the next version of a row, so an increment is a
    // HOT update that leaves the primary-key index alone.
    const monthSums = MONTHS.map((_, i) => `COALESCE(sum(value) FILTER (WHERE month = ${i + 1}), 0)`);
    await queryRunner.query(`
      INSERT INTO rm_year_stats (year, unit_id, path_version, field, metric, total, ${MONTHS.join(', ')})
      SELECT year, unit_id, path_version, field, metric,
             COALESCE(sum(value) FILTER (WHERE month IS NULL), 0),
             ${monthSums.join(',\n             ')}
        FROM (SELECT *, substring(period_key FROM '^(?:year|month):(\\d{4})')::integer AS year,
                     substring(period_key FROM '^month:\\d{4}-(\\d{2})$')::integer AS month
                FROM rm_period_stats WHERE period_key LIKE 'year:%' OR period_key LIKE 'month:%') AS calendar
       GROUP BY year, unit_id, path_version, field, metric`);
    await queryRunner.query('DROP TABLE rm_period_stats');
    await queryRunner.query('DROP TABLE rm_stats_daily');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Phase and per-day rows are not restored: a rebuild of the projection recreates them.
    await queryRunner.query(`
      CREATE TABLE rm_stats_daily (
        day date NOT NULL, unit_id text NOT NULL, path_version integer NOT NULL, field text NOT NULL,
        metric text NOT NULL, value numeric NOT NULL, PRIMARY KEY (day, unit_id, path_version, field, metric)
      )`);
    await queryRunner.query(`
      CREATE TABLE rm_period_stats (
        period_key text NOT NULL, unit_id text NOT NULL, path_version integer NOT NULL, field text NOT NULL,
        metric text NOT NULL, value numeric NOT NULL, PRIMARY KEY (period_key, unit_id, path_version, field, metric)
      )`);
    await queryRunner.query(`
      INSERT INTO rm_period_stats
      SELECT 'year:' || year, unit_id, path_version, field, metric, total FROM rm_year_stats
      ${MONTHS.map((m, i) => `UNION ALL SELECT 'month:' || year || '-${String(i + 1).padStart(2, '0')}', unit_id, path_version, field, metric, ${m} FROM rm_year_stats WHERE ${m} <> 0`).join('\n      ')}`);
    await queryRunner.query('DROP TABLE rm_year_stats');
  }
}
