import type { MigrationInterface, QueryRunner } from 'typeorm';

// A migration is a frozen snapshot: it does not import the live column list.
const MONTHS = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

/**
 * rm_subtree_stats: per unit × year × field × metric, the sums of every fact recorded at the
 * unit's current strict descendants (its own facts stay in rm_year_stats). A subtree's
 * statistics are then its own rows plus these, whatever the subtree's size: a province
 * reads tens of rows instead of its communes' thousands. Filled from the existing rows.
 */
export class SubtreeStats1765000000000 implements MigrationInterface {
  name = 'SubtreeStats1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rm_subtree_stats (
        ancestor_id  text NOT NULL,
        year         integer NOT NULL,
        field        text NOT NULL,
        metric       text NOT NULL,
        total        numeric NOT NULL,
        ${MONTHS.map((m) => `${m} numeric NOT NULL`).join(',\n        ')},
        PRIMARY KEY (ancestor_id, year, field, metric)
      ) WITH (fillfactor = 80)`);
    await queryRunner.query(`
      INSERT INTO rm_subtree_stats (ancestor_id, year, field, metric, total, ${MONTHS.join(', ')})
      SELECT c.ancestor_id, s.year, s.field, s.metric, trim_scale(sum(s.total)), ${MONTHS.map((m) => `trim_scale(sum(s.${m}))`).join(', ')}
        FROM rm_year_stats s JOIN rm_unit_closure c ON c.descendant_id = s.unit_id AND c.depth > 0
       GROUP BY c.ancestor_id, s.year, s.field, s.metric`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rm_subtree_stats');
  }
}
