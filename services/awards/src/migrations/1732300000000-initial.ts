import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1732300000000 implements MigrationInterface {
  name = 'Initial1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalogue_entry (
        form text PRIMARY KEY,
        name text NOT NULL,
        points double precision NOT NULL CHECK (points >= 0)
      )`);
    await db.query(`
      INSERT INTO catalogue_entry (form, name, points) VALUES
        ('GOVERNMENT_EMULATION_FLAG', 'Cờ thi đua của Chính phủ', 10),
        ('PRIME_MINISTER_CERTIFICATE', 'Bằng khen của Thủ tướng Chính phủ', 8),
        ('MINISTRY_EMULATION_FLAG', 'Cờ thi đua của Bộ Thông tin và Truyền thông', 6),
        ('MINISTRY_CERTIFICATE', 'Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông', 4),
        ('PROVINCE_EMULATION_FLAG', 'Cờ thi đua của Ủy ban nhân dân tỉnh', 4),
        ('PROVINCE_CERTIFICATE', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 2),
        ('EXCELLENT_LABOUR_COLLECTIVE', 'Tập thể lao động xuất sắc', 2),
        ('EMULATION_FIGHTER', 'Chiến sĩ thi đua', 1),
        ('DEPARTMENT_CERTIFICATE', 'Giấy khen của Giám đốc Sở', 0.5),
        ('ADVANCED_MODEL', 'Điển hình tiên tiến', 0.5)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE catalogue_entry');
  }
}
