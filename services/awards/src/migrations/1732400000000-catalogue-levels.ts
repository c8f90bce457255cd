import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who confers each form and to whom it may go (Luật Thi đua, khen thưởng 2022 and
 * Nghị định 98/2023/NĐ-CP), and a history of point changes.
 */
export class CatalogueLevels1732400000000 implements MigrationInterface {
  name = 'CatalogueLevels1732400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE catalogue_entry
        ADD COLUMN issuing_level text,
        ADD COLUMN issuer text,
        ADD COLUMN recipient_kinds text[],
        ADD COLUMN display_order int`);
    await db.query(`
      UPDATE catalogue_entry e SET issuing_level = v.level, issuer = v.issuer,
             recipient_kinds = v.kinds::text[], display_order = v.position
        FROM (VALUES
          ('GOVERNMENT_EMULATION_FLAG', 'GOVERNMENT', 'Thủ tướng Chính phủ, thay mặt Chính phủ', '{DEPARTMENT,COLLECTIVE}', 1),
          ('PRIME_MINISTER_CERTIFICATE', 'PRIME_MINISTER', 'Thủ tướng Chính phủ', '{DEPARTMENT,COLLECTIVE,INDIVIDUAL}', 2),
          ('MINISTRY_EMULATION_FLAG', 'MINISTRY', 'Bộ trưởng Bộ Thông tin và Truyền thông', '{DEPARTMENT,COLLECTIVE}', 3),
          ('MINISTRY_CERTIFICATE', 'MINISTRY', 'Bộ trưởng Bộ Thông tin và Truyền thông', '{DEPARTMENT,COLLECTIVE,INDIVIDUAL}', 4),
          ('PROVINCE_EMULATION_FLAG', 'PROVINCE', 'Chủ tịch Ủy ban nhân dân tỉnh', '{DEPARTMENT,COLLECTIVE}', 5),
          ('PROVINCE_CERTIFICATE', 'PROVINCE', 'Chủ tịch Ủy ban nhân dân tỉnh', '{DEPARTMENT,COLLECTIVE,INDIVIDUAL}', 6),
          ('EXCELLENT_LABOUR_COLLECTIVE', 'PROVINCE', 'Chủ tịch Ủy ban nhân dân tỉnh', '{DEPARTMENT,COLLECTIVE}', 7),
          ('EMULATION_FIGHTER', 'DEPARTMENT', 'Giám đốc Sở Thông tin và Truyền thông', '{INDIVIDUAL}', 8),
          ('DEPARTMENT_CERTIFICATE', 'DEPARTMENT', 'Giám đốc Sở Thông tin và Truyền thông', '{COLLECTIVE,INDIVIDUAL}', 9),
          ('ADVANCED_MODEL', 'DEPARTMENT', 'Giám đốc Sở Thông tin và Truyền thông', '{COLLECTIVE,INDIVIDUAL}', 10)
        ) AS v(form, level, issuer, kinds, position)
       WHERE e.form = v.form`);
    // The department director confers the grassroots title only; higher fighter titles are not in the catalogue.
    await db.query(`UPDATE catalogue_entry SET name = 'Chiến sĩ thi đua cơ sở' WHERE form = 'EMULATION_FIGHTER'`);
    await db.query(`
      ALTER TABLE catalogue_entry
        ALTER COLUMN issuing_level SET NOT NULL,
        ALTER COLUMN issuer SET NOT NULL,
        ALTER COLUMN recipient_kinds SET NOT NULL,
        ALTER COLUMN display_order SET NOT NULL,
        ADD CONSTRAINT catalogue_entry_level CHECK
          (issuing_level IN ('GOVERNMENT', 'PRIME_MINISTER', 'MINISTRY', 'PROVINCE', 'DEPARTMENT')),
        ADD CONSTRAINT catalogue_entry_kinds CHECK
          (cardinality(recipient_kinds) > 0 AND recipient_kinds <@ '{DEPARTMENT,COLLECTIVE,INDIVIDUAL}'::text[]),
        ADD COLUMN updated_by text,
        ADD COLUMN updated_at timestamptz`);
    await db.query(`
      CREATE TABLE catalogue_points_change (
        id bigserial PRIMARY KEY,
        form text NOT NULL REFERENCES catalogue_entry (form),
        previous_points double precision NOT NULL,
        points double precision NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX catalogue_points_change_form ON catalogue_points_change (form, id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE catalogue_points_change');
    await db.query(`UPDATE catalogue_entry SET name = 'Chiến sĩ thi đua' WHERE form = 'EMULATION_FIGHTER'`);
    await db.query(`
      ALTER TABLE catalogue_entry
        DROP COLUMN issuing_level, DROP COLUMN issuer, DROP COLUMN recipient_kinds, DROP COLUMN display_order,
        DROP COLUMN updated_by, DROP COLUMN updated_at`);
  }
}
