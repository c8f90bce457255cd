import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The date of the decision that conferred a commendation, beside its number. */
export class DecisionDate1733100000001 implements MigrationInterface {
  name = 'DecisionDate1733100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE commendation ADD COLUMN decision_date date');
    await db.query('ALTER TABLE commendation_revision ADD COLUMN decision_date date');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE commendation_revision DROP COLUMN decision_date');
    await db.query('ALTER TABLE commendation DROP COLUMN decision_date');
  }
}
