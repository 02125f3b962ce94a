import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * rm_rebuilds: every rebuild of a projection, its progress and outcome, whichever process
 * (API or CLI) runs it. At most one rebuild per projection runs at a time.
 */
export class RebuildJournal1764950000000 implements MigrationInterface {
  name = 'RebuildJournal1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rm_rebuilds (
        rebuild_id      text PRIMARY KEY,
        projection      text NOT NULL,
        version         integer NOT NULL,
        status          text NOT NULL,
        processed       bigint NOT NULL DEFAULT 0,
        total           bigint NOT NULL DEFAULT 0,
        events_per_sec  integer NOT NULL DEFAULT 0,
        eta_seconds     integer,
        started_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        finished_at     timestamptz,
        error           text
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX rm_rebuilds_one_running ON rm_rebuilds (projection) WHERE status = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rm_rebuilds');
  }
}
