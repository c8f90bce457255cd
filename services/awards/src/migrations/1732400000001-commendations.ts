import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commendations with their revision history, and counted tallies for reports that
 * give only numbers. A commendation whose exact year is not published carries the
 * period it falls in (period_from … period_to, with year inside it).
 */
export class Commendations1732400000001 implements MigrationInterface {
  name = 'Commendations1732400000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE commendation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id text NOT NULL,
        form text NOT NULL REFERENCES catalogue_entry (form),
        year int NOT NULL,
        period_from int,
        period_to int,
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('DEPARTMENT', 'COLLECTIVE', 'INDIVIDUAL')),
        recipient_name text NOT NULL CHECK (btrim(recipient_name) <> ''),
        decision text,
        citation text,
        source text,
        seed_key text UNIQUE,
        revision int NOT NULL DEFAULT 1,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((period_from IS NULL) = (period_to IS NULL)),
        CHECK (period_from IS NULL OR (period_from < period_to AND period_from <= year AND year <= period_to))
      )`);
    await db.query('CREATE INDEX commendation_province_year ON commendation (province_id, year)');
    // The same award entered twice is a mistake; awards known only by period may repeat (e.g. four flags).
    await db.query(`
      CREATE UNIQUE INDEX commendation_once ON commendation
        (province_id, form, year, recipient_kind, lower(recipient_name), coalesce(decision, ''))
        WHERE period_from IS NULL`);
    await db.query(`
      CREATE TABLE commendation_revision (
        commendation_id uuid NOT NULL REFERENCES commendation (id) ON DELETE CASCADE,
        revision int NOT NULL,
        action text NOT NULL CHECK (action IN ('seed', 'record', 'correct')),
        province_id text NOT NULL,
        form text NOT NULL,
        year int NOT NULL,
        period_from int,
        period_to int,
        recipient_kind text NOT NULL,
        recipient_name text NOT NULL,
        decision text,
        citation text,
        source text,
        note text,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (commendation_id, revision)
      )`);
    await db.query(`
      CREATE TABLE commendation_tally (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id text NOT NULL,
        form text NOT NULL REFERENCES catalogue_entry (form),
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('DEPARTMENT', 'COLLECTIVE', 'INDIVIDUAL')),
        count int NOT NULL CHECK (count > 0),
        period_from int NOT NULL,
        period_to int NOT NULL CHECK (period_from <= period_to),
        citation text,
        source text NOT NULL,
        seed_key text NOT NULL UNIQUE
      )`);
    await db.query('CREATE INDEX commendation_tally_province ON commendation_tally (province_id, period_from)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE commendation_tally, commendation_revision, commendation');
  }
}
