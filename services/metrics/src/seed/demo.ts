import type { EntityManager } from 'typeorm';
import { round4 } from '../common/numbers.js';
import { Indicator, IndicatorUnit } from '../indicator/indicator.entity.js';
import { writeObservations } from '../observation/observation.service.js';
import type { ValueKind } from '../observation/value-kind.js';
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
  /** How the report states it: "ít nhất 85 %" is AT_LEAST, "15–20 %" a RANGE up to `value_upper`. */
  value_kind?: ValueKind;
  value_upper?: number;
}

/** The figures published reports state, checked like any recorded batch (a bad file fails loudly). */
export async function publishedObservations(em: EntityManager): Promise<CheckedObservation[]> {
  const rows = readDataFile<{ observations: PublishedRow[] }>('published-observations.json').observations;
  const indicators = new Map((await em.getRepository(Indicator).find()).map((i) => [i.code, i]));
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
        valueKind: row.value_kind,
        valueUpper: row.value_upper,
      },
      indicator,
    );
  });
}

/**
 * The published figures as stated, with their source: reference data, loaded
 * on every start (with or without the demo). A row the seed wrote (a synthetic
 * value, or an earlier wording of the figure) is brought to the file's; a row a
 * user recorded or corrected is never overwritten.
 */
export async function seedPublished(em: EntityManager): Promise<number> {
  return (await writeObservations(em, await publishedObservations(em), SEED_ACTOR, 'seeded')).length;
}

/**
 * The demo dataset: synthetic values ("demo: synthetic") for the seeded
 * clusters' members wherever no value exists yet, passing through the
 * published figures. An existing value (published, synthetic or recorded by a
 * user) is never overwritten.
 */
export async function seedDemo(em: EntityManager): Promise<{ synthetic: number }> {
  const published = await publishedObservations(em);
  const anchors = new Map<string, Anchor>(
    published.map((row) => [`${row.provinceId}|${row.indicatorCode}`, { year: row.year, value: row.value }]),
  );
  return { synthetic: (await writeObservations(em, syntheticObservations(anchors), SEED_ACTOR, 'keep')).length };
}
