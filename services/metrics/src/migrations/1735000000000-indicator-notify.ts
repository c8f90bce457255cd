import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to the indicator catalogue that commits notifies
 * `metrics_indicators`, once per statement: each metrics process holds the
 * catalogue in memory and reads it again when told (indicator-catalogue.ts).
 */
export class IndicatorNotify1735000000000 implements MigrationInterface {
  name = 'IndicatorNotify1735000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION indicator_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('metrics_indicators', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER indicator_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER indicator_changed ON indicator');
    await db.query('DROP FUNCTION indicator_changed()');
  }
}
