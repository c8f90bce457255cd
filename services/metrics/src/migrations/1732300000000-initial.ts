import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1732300000000 implements MigrationInterface {
  name = 'Initial1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE indicator (
        code text PRIMARY KEY,
        name text NOT NULL,
        unit text NOT NULL CHECK (unit IN ('PERCENT', 'COUNT', 'SCORE')),
        direction text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
        scale_max double precision,
        pillar text NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE indicator');
  }
}
