import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models of the period-stats projection. Numbers are `numeric` (exact sums of
 * VND and of fractional km); dates are `date` (business dates, no time zone).
 */
export class InitialReadModels1764000000000 implements MigrationInterface {
  name = 'InitialReadModels1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rm_projection_checkpoints (
        projection       text PRIMARY KEY,
        version          integer NOT NULL,
        checkpoint       text NOT NULL,
        position         bigint NOT NULL,
        events_processed bigint NOT NULL DEFAULT 0,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE rm_units (
        unit_id              text PRIMARY KEY,
        name                 text NOT NULL,
        kind                 text NOT NULL,
        registered_parent_id text,
        parent_id            text,
        merged_into          text,
        merged_on            date,
        merge_decision_no    text,
        path_version         integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('CREATE INDEX rm_units_parent ON rm_units (parent_id)');
    await queryRunner.query(`
      CREATE TABLE rm_unit_closure (
        ancestor_id   text NOT NULL,
        descendant_id text NOT NULL,
        depth         integer NOT NULL,
        PRIMARY KEY (ancestor_id, descendant_id)
      )`);
    await queryRunner.query('CREATE INDEX rm_unit_closure_descendant ON rm_unit_closure (descendant_id)');
    // Every ancestor path a unit has had: version n of a unit's path is the tree above it
    // after its n-th change (a merge above it). Facts keep the version they were recorded
    // under, which is what the as-recorded view sums by.
    await queryRunner.query(`
      CREATE TABLE rm_unit_path_closure (
        ancestor_id   text NOT NULL,
        descendant_id text NOT NULL,
        path_version  integer NOT NULL,
        PRIMARY KEY (ancestor_id, descendant_id, path_version)
      )`);
    await queryRunner.query(`
      CREATE TABLE rm_phases (
        phase_id  text PRIMARY KEY,
        name      text NOT NULL,
        starts_on date NOT NULL,
        ends_on   date NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE rm_models (
        model_id              text PRIMARY KEY,
        unit_id               text NOT NULL,
        title                 text NOT NULL,
        field                 text NOT NULL,
        holder_kind           text NOT NULL,
        holder_name           text NOT NULL,
        registered_on         date NOT NULL,
        status                text NOT NULL,
        recognized_on         date,
        recognized_by         text,
        recognition_decision  text,
        exemplary_on          date,
        exemplary_by          text,
        exemplary_decision    text,
        withdrawn_on          date,
        withdrawal_reason     text,
        position              bigint NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX rm_models_unit ON rm_models (unit_id, model_id)');
    await queryRunner.query(`
      CREATE TABLE rm_awards (
        award_id               text PRIMARY KEY,
        recipient_kind         text NOT NULL,
        recipient_name         text NOT NULL,
        recipient_unit_id      text NOT NULL,
        form                   text NOT NULL,
        issuer_unit_id         text NOT NULL,
        decision_no            text NOT NULL,
        decided_on             date NOT NULL,
        movement               text NOT NULL,
        model_id               text,
        field                  text NOT NULL,
        status                 text NOT NULL,
        revoked_on             date,
        revocation_decision_no text,
        revocation_reason      text,
        path_version           integer NOT NULL,
        position               bigint NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX rm_awards_unit ON rm_awards (recipient_unit_id, award_id)');
    await queryRunner.query('CREATE INDEX rm_awards_decided ON rm_awards (decided_on, award_id)');
    await queryRunner.query(`
      CREATE TABLE rm_ledger_entries (
        unit_id     text NOT NULL,
        entry_id    text NOT NULL,
        kind        text NOT NULL,
        metric      text NOT NULL,
        quantity    numeric NOT NULL,
        on_date     date NOT NULL,
        field       text NOT NULL,
        model_id    text,
        voided      boolean NOT NULL DEFAULT false,
        path_version integer NOT NULL,
        PRIMARY KEY (unit_id, entry_id)
      )`);
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
    await queryRunner.query(`
      CREATE TABLE rm_period_stats (
        period_key   text NOT NULL,
        unit_id      text NOT NULL,
        path_version integer NOT NULL,
        field        text NOT NULL,
        metric       text NOT NULL,
        value        numeric NOT NULL,
        PRIMARY KEY (period_key, unit_id, path_version, field, metric)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rm_period_stats',
      'rm_stats_daily',
      'rm_ledger_entries',
      'rm_awards',
      'rm_models',
      'rm_phases',
      'rm_unit_path_closure',
      'rm_unit_closure',
      'rm_units',
      'rm_projection_checkpoints',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
