import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A season's membership may be assumed (carried over from an earlier year), not published; the note says why. */
export class AssumedMembers1734000000000 implements MigrationInterface {
  name = 'AssumedMembers1734000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cluster_season
        ADD COLUMN members_assumed boolean NOT NULL DEFAULT false,
        ADD COLUMN members_note text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cluster_season DROP COLUMN members_assumed, DROP COLUMN members_note`);
  }
}
