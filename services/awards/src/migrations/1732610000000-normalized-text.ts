import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What JavaScript's trim() removes: ASCII white space and the Unicode space separators. */
const SPACE = String.raw`[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]`;

/** The stored form of a text (the kit's normalizeText): NFC, without invisible characters, trimmed; null when nothing is left. */
function normalized(column: string): string {
  const visible = String.raw`regexp_replace(normalize(${column}, NFC), '[\u00AD\u200B-\u200D\u2060\uFEFF]', '', 'g')`;
  return `nullif(regexp_replace(${visible}, '^${SPACE}+|${SPACE}+$', '', 'g'), '')`;
}

/**
 * From here on every stored text is normalised (NFC, no invisible characters,
 * trimmed; the kit's checkText), so the unique index `commendation_once`
 * catches an NFD or zero-width copy of an award. Rows written before may not
 * be normalised: this brings them to the stored form, so the index also
 * catches a new copy of an old award.
 *
 * Old rows that are already such copies of each other cannot all take the
 * same text under the index: in each group the row already in stored form,
 * else the one recorded first, is normalised; the others keep their text and
 * stay as the duplicates they are, for an officer to correct. Their history
 * (commendation_revision) keeps what was stored at the time.
 */
export class NormalizedText1732610000000 implements MigrationInterface {
  name = 'NormalizedText1732610000000';

  async up(db: QueryRunner): Promise<void> {
    // Citation and source are in no unique index: every row.
    await db.query(`
      UPDATE commendation
         SET citation = ${normalized('citation')}, source = ${normalized('source')}
       WHERE (citation, source) IS DISTINCT FROM (${normalized('citation')}, ${normalized('source')})`);
    await db.query(`
      WITH stored AS (
        SELECT id, period_from, recorded_at, province_id, form, year, recipient_kind,
               coalesce(${normalized('recipient_name')}, recipient_name) AS recipient_name,
               ${normalized('decision')} AS decision,
               recipient_name = coalesce(${normalized('recipient_name')}, recipient_name)
                 AND decision IS NOT DISTINCT FROM ${normalized('decision')} AS already
          FROM commendation
      ),
      ranked AS (
        SELECT *, row_number() OVER (
                    PARTITION BY province_id, form, year, recipient_kind, lower(recipient_name),
                                 coalesce(decision, ''), period_from IS NULL
                    ORDER BY already DESC, recorded_at, id) AS place
          FROM stored
      )
      UPDATE commendation c
         SET recipient_name = r.recipient_name, decision = r.decision
        FROM ranked r
       WHERE c.id = r.id AND NOT r.already AND (r.place = 1 OR r.period_from IS NOT NULL)`);
  }

  async down(): Promise<void> {
    // The text before normalisation is not kept: there is nothing to restore.
  }
}
