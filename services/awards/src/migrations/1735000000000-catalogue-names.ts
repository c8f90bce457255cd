import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalogue names its forms and signers as they stand at any date. On
 * 2025-03-01 the Ministry of Information and Communications and the provinces'
 * departments of information and communications merged into the Ministry and
 * the departments of science and technology (Nghị định 55/2025/NĐ-CP): the
 * Ministry's forms are "of the Ministry", signed by its Minister, and the
 * department's by its Director. Each commendation carries the authority of its
 * own date (`Commendation.issuer`).
 */
export class CatalogueNames1735000000000 implements MigrationInterface {
  name = 'CatalogueNames1735000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE catalogue_entry e SET name = v.name, issuer = v.issuer
        FROM (VALUES
          ('MINISTRY_EMULATION_FLAG', 'Cờ thi đua của Bộ', 'Bộ trưởng'),
          ('MINISTRY_CERTIFICATE', 'Bằng khen của Bộ trưởng', 'Bộ trưởng')
        ) AS v(form, name, issuer)
       WHERE e.form = v.form`);
    await db.query(`
      UPDATE catalogue_entry SET issuer = 'Giám đốc Sở'
       WHERE form IN ('EMULATION_FIGHTER', 'DEPARTMENT_CERTIFICATE', 'ADVANCED_MODEL')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE catalogue_entry e SET name = v.name, issuer = v.issuer
        FROM (VALUES
          ('MINISTRY_EMULATION_FLAG', 'Cờ thi đua của Bộ Thông tin và Truyền thông', 'Bộ trưởng Bộ Thông tin và Truyền thông'),
          ('MINISTRY_CERTIFICATE', 'Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông',
           'Bộ trưởng Bộ Thông tin và Truyền thông')
        ) AS v(form, name, issuer)
       WHERE e.form = v.form`);
    await db.query(`
      UPDATE catalogue_entry SET issuer = 'Giám đốc Sở Thông tin và Truyền thông'
       WHERE form IN ('EMULATION_FIGHTER', 'DEPARTMENT_CERTIFICATE', 'ADVANCED_MODEL')`);
  }
}
