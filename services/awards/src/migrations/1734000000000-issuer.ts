import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The authority on a commendation's decision, where it is not the one its form
 * and date give (a certificate of another ministry): null means the default.
 */
export class Issuer1734000000000 implements MigrationInterface {
  name = 'Issuer1734000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE commendation ADD COLUMN issuer text`);
    await db.query(`ALTER TABLE commendation_revision ADD COLUMN issuer text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE commendation_revision DROP COLUMN issuer`);
    await db.query(`ALTER TABLE commendation DROP COLUMN issuer`);
  }
}
