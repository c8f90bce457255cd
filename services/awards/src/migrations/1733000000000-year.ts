import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The emulation year: a season's rules and standing weights, its compact and
 * scoring sheet, members' assessments with evidence, the head election, the
 * locked results, and every step in the season's history. Nominations gain a
 * decision mode (vote or consensus with minutes), withdrawal and a decision note.
 */
export class Year1733000000000 implements MigrationInterface {
  name = 'Year1733000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE evidence_file (
        id uuid PRIMARY KEY,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size int NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL,
        uploaded_by text NOT NULL,
        uploader_province text,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE season_year (
        cluster_id text NOT NULL,
        year int NOT NULL,
        min_coverage double precision NOT NULL DEFAULT 0.6 CHECK (min_coverage >= 0 AND min_coverage <= 1),
        quorum double precision NOT NULL DEFAULT 0.5 CHECK (quorum > 0 AND quorum <= 1),
        caps jsonb NOT NULL DEFAULT '[]',
        weight_sheet double precision CHECK (weight_sheet >= 0),
        weight_ict double precision CHECK (weight_ict >= 0),
        weight_award double precision CHECK (weight_award >= 0),
        sheet_revision int NOT NULL DEFAULT 0,
        sheet_defined_by text,
        sheet_defined_at timestamptz,
        signed_on date,
        place text,
        document_id uuid REFERENCES evidence_file (id),
        signatories text[] NOT NULL DEFAULT '{}',
        signed_by text,
        signed_at timestamptz,
        source text,
        PRIMARY KEY (cluster_id, year),
        CHECK ((signed_on IS NULL) = (signed_by IS NULL))
      )`);
    // Append-only: every step of the year, with who and when, in order.
    await db.query(`
      CREATE TABLE season_event (
        id bigserial PRIMARY KEY,
        cluster_id text NOT NULL,
        year int NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        detail text
      )`);
    await db.query('CREATE INDEX season_event_season ON season_event (cluster_id, year, id)');
    await db.query(`
      CREATE TABLE criterion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cluster_id text NOT NULL,
        year int NOT NULL,
        position int NOT NULL,
        code text NOT NULL,
        group_name text NOT NULL,
        title text NOT NULL,
        max_points double precision NOT NULL CHECK (max_points > 0),
        indicator_code text,
        evidence_required boolean NOT NULL DEFAULT false,
        UNIQUE (cluster_id, year, code),
        FOREIGN KEY (cluster_id, year) REFERENCES season_year (cluster_id, year)
      )`);
    await db.query(`
      CREATE TABLE assessment (
        cluster_id text NOT NULL,
        year int NOT NULL,
        province_id text NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPRAISED')),
        return_reason text,
        saved_by text,
        saved_at timestamptz,
        submitted_by text,
        submitted_at timestamptz,
        returned_by text,
        returned_at timestamptz,
        appraised_by text,
        appraised_at timestamptz,
        PRIMARY KEY (cluster_id, year, province_id),
        FOREIGN KEY (cluster_id, year) REFERENCES season_year (cluster_id, year),
        CHECK (status <> 'RETURNED' OR return_reason IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE assessment_item (
        cluster_id text NOT NULL,
        year int NOT NULL,
        province_id text NOT NULL,
        criterion_id uuid NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,
        self_score double precision CHECK (self_score >= 0),
        rule_score double precision CHECK (rule_score >= 0),
        appraised_score double precision CHECK (appraised_score >= 0),
        note text,
        appraisal_note text,
        returned boolean NOT NULL DEFAULT false,
        PRIMARY KEY (cluster_id, year, province_id, criterion_id),
        FOREIGN KEY (cluster_id, year, province_id) REFERENCES assessment (cluster_id, year, province_id)
          ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE item_evidence (
        cluster_id text NOT NULL,
        year int NOT NULL,
        province_id text NOT NULL,
        criterion_id uuid NOT NULL,
        file_id uuid NOT NULL REFERENCES evidence_file (id),
        PRIMARY KEY (cluster_id, year, province_id, criterion_id, file_id),
        FOREIGN KEY (cluster_id, year, province_id, criterion_id)
          REFERENCES assessment_item (cluster_id, year, province_id, criterion_id) ON DELETE CASCADE
      )`);
    await db.query('CREATE INDEX item_evidence_file ON item_evidence (file_id)');
    await db.query(`
      CREATE TABLE head_election (
        cluster_id text NOT NULL,
        year int NOT NULL,
        round int NOT NULL CHECK (round >= 1),
        mode text NOT NULL CHECK (mode IN ('VOTE', 'CONSENSUS')),
        status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        candidates text[] NOT NULL,
        outcome text CHECK (outcome IN ('ELECTED', 'TIE', 'NO_MAJORITY')),
        elected text,
        deputy text,
        runoff text[] NOT NULL DEFAULT '{}',
        minutes text,
        source text,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_by text,
        closed_at timestamptz,
        PRIMARY KEY (cluster_id, year, round),
        CHECK ((status = 'OPEN') = (closed_by IS NULL)),
        CHECK ((status = 'OPEN') = (outcome IS NULL)),
        CHECK ((outcome = 'ELECTED') = (elected IS NOT NULL)),
        CHECK (mode = 'VOTE' OR minutes IS NOT NULL)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX head_election_one_open ON head_election (cluster_id, year) WHERE status = 'OPEN'`,
    );
    await db.query(`
      CREATE TABLE head_vote (
        cluster_id text NOT NULL,
        year int NOT NULL,
        round int NOT NULL,
        voter_province_id text NOT NULL,
        candidate_id text NOT NULL,
        cast_by text NOT NULL,
        cast_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cluster_id, year, round, voter_province_id),
        FOREIGN KEY (cluster_id, year, round) REFERENCES head_election (cluster_id, year, round)
      )`);
    // One row per lock; a reopened lock keeps its record, and the open one is the season's results.
    await db.query(`
      CREATE TABLE season_result (
        cluster_id text NOT NULL,
        year int NOT NULL,
        revision int NOT NULL,
        locked_by text NOT NULL,
        locked_at timestamptz NOT NULL,
        member_ids text[] NOT NULL,
        record jsonb NOT NULL,
        reopened_by text,
        reopened_at timestamptz,
        reopen_reason text,
        PRIMARY KEY (cluster_id, year, revision),
        CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL))
      )`);
    await db.query(
      'CREATE UNIQUE INDEX season_result_in_force ON season_result (cluster_id, year) WHERE reopened_at IS NULL',
    );
    await db.query('CREATE INDEX season_result_year ON season_result (year) WHERE reopened_at IS NULL');

    await db.query(`
      ALTER TABLE nomination
        ADD COLUMN mode text NOT NULL DEFAULT 'VOTE' CHECK (mode IN ('VOTE', 'CONSENSUS')),
        ADD COLUMN minutes text,
        ADD COLUMN withdrawn_reason text,
        ADD COLUMN decision_note text`);
    await db.query('ALTER TABLE nomination DROP CONSTRAINT nomination_status_check');
    await db.query(`
      ALTER TABLE nomination
        ADD CONSTRAINT nomination_status_check CHECK (status IN ('OPEN', 'ADOPTED', 'REJECTED', 'WITHDRAWN')),
        ADD CONSTRAINT nomination_withdrawn_reason CHECK ((status = 'WITHDRAWN') = (withdrawn_reason IS NOT NULL)),
        ADD CONSTRAINT nomination_consensus_minutes CHECK (mode = 'VOTE' OR minutes IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM nomination WHERE status = 'WITHDRAWN'`);
    await db.query(`
      ALTER TABLE nomination
        DROP CONSTRAINT nomination_consensus_minutes,
        DROP CONSTRAINT nomination_withdrawn_reason,
        DROP CONSTRAINT nomination_status_check`);
    await db.query(`
      ALTER TABLE nomination
        ADD CONSTRAINT nomination_status_check CHECK (status IN ('OPEN', 'ADOPTED', 'REJECTED')),
        DROP COLUMN decision_note, DROP COLUMN withdrawn_reason, DROP COLUMN minutes, DROP COLUMN mode`);
    await db.query(
      'DROP TABLE season_result, head_vote, head_election, item_evidence, assessment_item, assessment, criterion, season_event, season_year, evidence_file',
    );
  }
}
