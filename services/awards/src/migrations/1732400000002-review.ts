import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The annual cluster review: nominations, one vote per member, and each season's adoption threshold. */
export class Review1732400000002 implements MigrationInterface {
  name = 'Review1732400000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE nomination (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cluster_id text NOT NULL,
        year int NOT NULL,
        province_id text NOT NULL,
        form text NOT NULL REFERENCES catalogue_entry (form),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ADOPTED', 'REJECTED')),
        votes_for int NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
        votes_against int NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
        members_at_close int,
        threshold_percent double precision,
        threshold_inclusive boolean,
        source text,
        note text,
        nominated_by text NOT NULL,
        nominated_at timestamptz NOT NULL DEFAULT now(),
        closed_by text,
        closed_at timestamptz,
        UNIQUE (cluster_id, year, province_id, form),
        CHECK ((status = 'OPEN') = (closed_by IS NULL))
      )`);
    await db.query('CREATE INDEX nomination_season ON nomination (cluster_id, year)');
    await db.query(`
      CREATE TABLE vote (
        nomination_id uuid NOT NULL REFERENCES nomination (id) ON DELETE CASCADE,
        voter_province_id text NOT NULL,
        approve boolean NOT NULL,
        cast_by text NOT NULL,
        cast_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (nomination_id, voter_province_id)
      )`);
    // Append-only: the latest revision is in force; earlier ones are the history.
    await db.query(`
      CREATE TABLE adoption_threshold (
        cluster_id text NOT NULL,
        year int NOT NULL,
        revision int NOT NULL,
        percent double precision NOT NULL CHECK (percent > 0 AND percent <= 100),
        inclusive boolean NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cluster_id, year, revision),
        CHECK (inclusive OR percent < 100)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE adoption_threshold, vote, nomination');
  }
}
