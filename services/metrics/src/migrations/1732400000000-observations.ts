import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indices, observations with their revision history, and the history of catalogue definitions. */
export class Observations1732400000000 implements MigrationInterface {
  name = 'Observations1732400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator ADD CONSTRAINT indicator_scale_max_positive CHECK (scale_max > 0)`);
    await db.query(`
      CREATE TABLE index_definition (
        id text PRIMARY KEY,
        name text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE index_component (
        index_id text NOT NULL REFERENCES index_definition (id) ON DELETE CASCADE,
        indicator_code text NOT NULL REFERENCES indicator (code),
        weight double precision NOT NULL CHECK (weight > 0),
        PRIMARY KEY (index_id, indicator_code)
      )`);
    await db.query(`
      CREATE TABLE observation (
        province_id text NOT NULL,
        indicator_code text NOT NULL REFERENCES indicator (code),
        year int NOT NULL,
        value double precision NOT NULL,
        numerator double precision,
        denominator double precision,
        source text,
        revision int NOT NULL CHECK (revision >= 1),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, indicator_code, year),
        CHECK ((numerator IS NULL) = (denominator IS NULL)),
        CHECK (denominator IS NULL OR (denominator > 0 AND numerator >= 0 AND numerator <= denominator))
      )`);
    // Rankings read one indicator and year across provinces.
    await db.query(`CREATE INDEX observation_indicator_year ON observation (indicator_code, year)`);
    await db.query(`
      CREATE TABLE observation_revision (
        province_id text NOT NULL,
        indicator_code text NOT NULL,
        year int NOT NULL,
        revision int NOT NULL,
        value double precision NOT NULL,
        numerator double precision,
        denominator double precision,
        source text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (province_id, indicator_code, year, revision),
        FOREIGN KEY (province_id, indicator_code, year)
          REFERENCES observation (province_id, indicator_code, year) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE definition_revision (
        kind text NOT NULL CHECK (kind IN ('indicator', 'index')),
        id text NOT NULL,
        revision int NOT NULL,
        definition jsonb NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id, revision)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE definition_revision, observation_revision, observation, index_component, index_definition',
    );
    await db.query('ALTER TABLE indicator DROP CONSTRAINT indicator_scale_max_positive');
  }
}
