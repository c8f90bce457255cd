import type { EntityManager } from 'typeorm';
import { round4 } from '../common/numbers.js';
import { Indicator, IndicatorUnit } from '../indicator/indicator.entity.js';
import { checkObservation, type CheckedObservation } from '../observation/observation.validation.js';
import { readDataFile } from './data-files.js';
import { SEED_ACTOR } from './reference.js';
import { syntheticObservations, type Anchor } from './synthetic.js';

interface PublishedRow {
  province: string;
  year: number;
  indicator: string;
  value?: number;
  numerator?: number;
  denominator?: number;
  source: string;
}

/** The figures published reports state, checked like any recorded batch (a bad file fails loudly). */
async function publishedObservations(db: EntityManager): Promise<CheckedObservation[]> {
  const rows = readDataFile<{ observations: PublishedRow[] }>('published-observations.json').observations;
  const indicators = new Map((await db.getRepository(Indicator).find()).map((i) => [i.code, i]));
  return rows.map((row, i) => {
    const indicator = indicators.get(row.indicator) ?? null;
    const percent = indicator?.unit === IndicatorUnit.PERCENT;
    // A report that gives only counts ("221 of 262 communes") states the ratio, not a rounded value.
    const value =
      row.value ?? round4(((percent ? 100 : 1) * (row.numerator ?? Number.NaN)) / (row.denominator ?? Number.NaN));
    return checkObservation(
      `published-observations.json[${i}]`,
      {
        provinceId: row.province,
        indicator: row.indicator,
        year: row.year,
        value,
        numerator: row.numerator ?? null,
        denominator: row.denominator ?? null,
        source: row.source,
      },
      indicator,
    );
  });
}

/**
 * Inserts rows whose (province, indicator, year) is still free, each with its
 * revision 1 in the history; an existing value — published, synthetic or
 * recorded by a user — is never overwritten. Returns how many were added.
 */
export async function insertMissing(db: EntityManager, rows: CheckedObservation[], actor: string): Promise<number> {
  const [{ added }] = await db.query(
    `WITH added AS (
       INSERT INTO observation
         (province_id, indicator_code, year, value, numerator, denominator, source, revision, recorded_by, recorded_at)
       SELECT *, 1, $8, now()
         FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $7::text[])
       ON CONFLICT (province_id, indicator_code, year) DO NOTHING
       RETURNING *
     ),
     history AS (
       INSERT INTO observation_revision
         (province_id, indicator_code, year, revision, value, numerator, denominator, source, recorded_by, recorded_at)
       SELECT province_id, indicator_code, year, revision, value, numerator, denominator, source, recorded_by, recorded_at
         FROM added
     )
     SELECT count(*)::int AS added FROM added`,
    [
      rows.map((r) => r.provinceId),
      rows.map((r) => r.indicatorCode),
      rows.map((r) => r.year),
      rows.map((r) => r.value),
      rows.map((r) => r.numerator),
      rows.map((r) => r.denominator),
      rows.map((r) => r.source),
      actor,
    ],
  );
  return added;
}

/**
 * The demo dataset: the published figures as stated (with their source),
 * then synthetic values ("demo: synthetic") for the seeded clusters' members
 * wherever no value exists yet.
 */
export async function seedDemo(db: EntityManager): Promise<{ published: number; synthetic: number }> {
  const published = await publishedObservations(db);
  const anchors = new Map<string, Anchor>(
    published.map((row) => [`${row.provinceId}|${row.indicatorCode}`, { year: row.year, value: row.value }]),
  );
  return {
    published: await insertMissing(db, published, SEED_ACTOR),
    synthetic: await insertMissing(db, syntheticObservations(anchors), SEED_ACTOR),
  };
}
