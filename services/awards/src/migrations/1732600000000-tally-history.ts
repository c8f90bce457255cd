import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tallies become writable: who recorded and last changed each one, a revision
 * number, and every state kept in `commendation_tally_revision`. A recorded
 * tally has no seed key; one province's count of one form to one kind of
 * recipient over one period is one tally.
 */
export class TallyHistory1732600000000 implements MigrationInterface {
  name = 'TallyHistory1732600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE commendation_tally
        ALTER COLUMN seed_key DROP NOT NULL,
        ADD COLUMN revision int NOT NULL DEFAULT 1,
        ADD COLUMN recorded_by text NOT NULL DEFAULT 'seed',
        ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_by text NOT NULL DEFAULT 'seed',
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`
      CREATE UNIQUE INDEX commendation_tally_once
        ON commendation_tally (province_id, form, recipient_kind, period_from, period_to)`);
    await db.query(`
      CREATE TABLE commendation_tally_revision (
        tally_id uuid NOT NULL REFERENCES commendation_tally (id) ON DELETE CASCADE,
        revision int NOT NULL,
        action text NOT NULL CHECK (action IN ('seed', 'record', 'correct')),
        province_id text NOT NULL,
        form text NOT NULL,
        recipient_kind text NOT NULL,
        count int NOT NULL,
        period_from int NOT NULL,
        period_to int NOT NULL,
        citation text,
        source text NOT NULL,
        note text,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tally_id, revision)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE commendation_tally_revision');
    await db.query('DROP INDEX commendation_tally_once');
    await db.query(`
      ALTER TABLE commendation_tally
        DROP COLUMN revision, DROP COLUMN recorded_by, DROP COLUMN recorded_at,
        DROP COLUMN updated_by, DROP COLUMN updated_at`);
  }
}
