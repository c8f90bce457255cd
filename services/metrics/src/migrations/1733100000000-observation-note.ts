import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a value was corrected, kept with the revision the correction made. */
export class ObservationNote1733100000000 implements MigrationInterface {
  name = 'ObservationNote1733100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE observation_revision ADD COLUMN note text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE observation_revision DROP COLUMN note');
  }
}
