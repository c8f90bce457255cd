import { batchLoader, compositeKey, groupBy, manyLoader, rows, unnest, type KeyOf } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { ObservationRevision } from './observation-revision.entity.js';
import type { Observation } from './observation.entity.js';

/** One observation: a province, an indicator, a year. */
export const ObservationKey = compositeKey({ provinceId: 'text', indicatorCode: 'text', year: 'int' });
export type ObservationKey = KeyOf<typeof ObservationKey>;

/** Which stored observations to fetch for one province; a null filter matches all. */
export interface ObservationQuery {
  provinceId: string;
  year: number | null;
  indicator: string | null;
  /** Also the columns of the record (how the figure is stated, who recorded it, when and why), not only the figures. */
  record: boolean;
}

const matches = (q: ObservationQuery) => (o: Observation) =>
  (q.year === null || o.year === q.year) && (q.indicator === null || o.indicatorCode === q.indicator);

const queryShape = { provinceId: 'text', year: 'int', indicator: 'text' } as const;
const figureColumns = `o.province_id AS "provinceId", o.indicator_code AS "indicatorCode", o.year, o.value,
  o.numerator, o.denominator, o.source, o.revision`;
const recordColumns = `o.value_kind AS "valueKind", o.value_upper AS "valueUpper", o.source_kept AS "sourceKept",
  o.reason, o.recorded_by AS "recordedBy", o.recorded_at AS "recordedAt"`;
/**
 * Stored observations matching any of the queries ($1–$3), by year then
 * indicator, named as the entity's fields. `province_id = ANY($1)` repeats
 * what the EXISTS asks so that Postgres finds the rows through the primary
 * key: with the EXISTS alone it read every observation of every province for
 * each page (docs/operations.md).
 */
const observationsOf = (name: string, columns: string) => ({
  name,
  text: `SELECT ${columns}
           FROM observation o
          WHERE o.province_id = ANY($1::text[])
            AND EXISTS (SELECT 1 FROM ${unnest([], queryShape)[0]} AS q(province_id, year, code)
                         WHERE q.province_id = o.province_id AND (q.year IS NULL OR q.year = o.year)
                           AND (q.code IS NULL OR q.code = o.indicator_code))
          ORDER BY o.year ASC, o.indicator_code ASC`,
});
/**
 * The figures only, what a chart or a ranking page asks (a province page has
 * hundreds of rows; the record's six columns, a timestamp among them, would
 * double what each row costs to read), and the whole row.
 */
export const figuresStatement = observationsOf('metrics.observation-figures-of', figureColumns);
export const wholeStatement = observationsOf('metrics.observations-of', `${figureColumns}, ${recordColumns}`);

/**
 * A row of either statement as an `Observation` of one fixed shape: every field
 * of the entity, in one order, those the statement did not read and those set
 * later (`derivedFrom`, `loadedIndicator`) as undefined. The driver's own row
 * objects take their shape from the columns and then grow when a field is set
 * on them; with those, a metrics process restarted over its database spent a
 * quarter more CPU on a province page than one that had just seeded it, and
 * with these both spend the same (docs/operations.md).
 */
function toObservation(row: Observation): Observation {
  return {
    provinceId: row.provinceId,
    indicatorCode: row.indicatorCode,
    year: row.year,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    source: row.source,
    revision: row.revision,
    valueKind: row.valueKind,
    valueUpper: row.valueUpper,
    sourceKept: row.sourceKept,
    reason: row.reason,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt,
    derivedFrom: undefined,
    loadedIndicator: undefined,
  };
}

/** Per-request loaders of observations and their histories. */
export function observationLoaders(db: DataSource) {
  return {
    /** A province's stored observations, optionally for one year and/or indicator, by year then indicator. */
    observationsOf: batchLoader(async (queries: readonly ObservationQuery[]) => {
      const statement = queries.some((q) => q.record) ? wholeStatement : figuresStatement;
      const found = await rows<Observation, Observation>(db, statement, unnest(queries, queryShape)[1], toObservation);
      const byProvince = groupBy(found, (row) => row.provinceId);
      return queries.map((q) => (byProvince.get(q.provinceId) ?? []).filter(matches(q)));
    }),

    /** Every recorded state of each observation, oldest first. */
    historyOf: manyLoader(
      (keys: readonly ObservationKey[]) =>
        db
          .getRepository(ObservationRevision)
          .createQueryBuilder('r')
          .where(...ObservationKey.in('r', keys))
          .orderBy('r.revision', 'ASC')
          .getMany(),
      ObservationKey,
    ),
  };
}
