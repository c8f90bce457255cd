import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A member may change its vote while voting is open; every change is kept. */
export class VoteChanges1733100000000 implements MigrationInterface {
  name = 'VoteChanges1733100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE vote_change (
        nomination_id uuid NOT NULL,
        voter_province_id text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        approve_before boolean NOT NULL,
        approve_after boolean NOT NULL,
        changed_by text NOT NULL,
        FOREIGN KEY (nomination_id, voter_province_id) REFERENCES vote (nomination_id, voter_province_id)
          ON DELETE CASCADE
      )`);
    await db.query('CREATE INDEX vote_change_vote ON vote_change (nomination_id, voter_province_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE vote_change');
  }
}
