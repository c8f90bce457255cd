import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1732300000000 implements MigrationInterface {
  name = 'Initial1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE province (
        id text PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PROVINCE', 'MUNICIPALITY')),
        region text NOT NULL,
        valid_from date,
        valid_until date,
        successor_id text REFERENCES province (id) DEFERRABLE INITIALLY DEFERRED,
        CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
      )`);
    await db.query(`CREATE INDEX province_successor ON province (successor_id)`);
    await db.query(`
      CREATE TABLE cluster (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE cluster_season (
        cluster_id text NOT NULL REFERENCES cluster (id),
        year int NOT NULL,
        head_id text REFERENCES province (id),
        deputy_head_id text REFERENCES province (id),
        source text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cluster_id, year)
      )`);
    await db.query(`
      CREATE TABLE season_member (
        cluster_id text NOT NULL,
        year int NOT NULL,
        province_id text NOT NULL REFERENCES province (id),
        PRIMARY KEY (cluster_id, year, province_id),
        UNIQUE (year, province_id),
        FOREIGN KEY (cluster_id, year) REFERENCES cluster_season (cluster_id, year) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE season_revision (
        cluster_id text NOT NULL,
        year int NOT NULL,
        revision int NOT NULL,
        action text NOT NULL,
        member_ids text[] NOT NULL,
        head_id text,
        deputy_head_id text,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cluster_id, year, revision),
        FOREIGN KEY (cluster_id, year) REFERENCES cluster_season (cluster_id, year) ON DELETE CASCADE
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE season_revision, season_member, cluster_season, cluster, province');
  }
}
