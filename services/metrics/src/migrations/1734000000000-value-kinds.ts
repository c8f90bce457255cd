import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures kept as stated: a value may be a lower bound, nearly a value, or a
 * range (`value` its low end, `value_upper` its high end). `source_kept` says a
 * correction named no source and the earlier one was kept; `reason` is why it
 * was corrected (on the revision: the `note` column of 1733100000000, renamed).
 */
export class ValueKinds1734000000000 implements MigrationInterface {
  name = 'ValueKinds1734000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE observation
        ADD COLUMN value_kind text NOT NULL DEFAULT 'EXACT'
          CHECK (value_kind IN ('EXACT', 'APPROXIMATE', 'AT_LEAST', 'RANGE')),
        ADD COLUMN value_upper double precision,
        ADD COLUMN source_kept boolean NOT NULL DEFAULT false,
        ADD COLUMN reason text,
        ADD CONSTRAINT observation_range CHECK ((value_kind = 'RANGE') = (value_upper IS NOT NULL)),
        ADD CONSTRAINT observation_range_order CHECK (value_upper IS NULL OR value_upper >= value)`);
    await db.query(`
      ALTER TABLE observation_revision
        ADD COLUMN value_kind text NOT NULL DEFAULT 'EXACT',
        ADD COLUMN value_upper double precision,
        ADD COLUMN source_kept boolean NOT NULL DEFAULT false`);
    // ObservationNote1733100000000 kept a correction's why as `note`: it is the revision's reason.
    await db.query('ALTER TABLE observation_revision RENAME COLUMN note TO reason');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE observation_revision RENAME COLUMN reason TO note');
    await db.query(`ALTER TABLE observation_revision DROP COLUMN value_kind, DROP COLUMN value_upper,
      DROP COLUMN source_kept`);
    await db.query(`ALTER TABLE observation DROP COLUMN value_kind, DROP COLUMN value_upper,
      DROP COLUMN source_kept, DROP COLUMN reason`);
  }
}
