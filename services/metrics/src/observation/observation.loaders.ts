import { batchLoader, compositeKey, groupBy, manyLoader, unnestNamed, type KeyOf } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { ObservationRevision } from './observation-revision.entity.js';
import { Observation } from './observation.entity.js';

/** One observation: a province, an indicator, a year. */
export const ObservationKey = compositeKey({ provinceId: 'text', indicatorCode: 'text', year: 'int' });
export type ObservationKey = KeyOf<typeof ObservationKey>;

/** Which stored observations to fetch for one province; a null filter matches all. */
export interface ObservationQuery {
  provinceId: string;
  year: number | null;
  indicator: string | null;
}

const matches = (q: ObservationQuery) => (o: Observation) =>
  (q.year === null || o.year === q.year) && (q.indicator === null || o.indicatorCode === q.indicator);

/** Per-request loaders of observations and their histories. */
export function observationLoaders(db: DataSource) {
  return {
    /** A province's stored observations, optionally for one year and/or indicator, by year then indicator. */
    observationsOf: batchLoader(async (queries: readonly ObservationQuery[]) => {
      const [asked, parameters] = unnestNamed(queries, { provinceId: 'text', year: 'int', indicator: 'text' }, 'q');
      const rows = await db
        .getRepository(Observation)
        .createQueryBuilder('o')
        .where(
          `EXISTS (SELECT 1 FROM ${asked} AS q(province_id, year, code)
                    WHERE q.province_id = o.province_id AND (q.year IS NULL OR q.year = o.year)
                      AND (q.code IS NULL OR q.code = o.indicator_code))`,
        )
        .setParameters(parameters)
        .orderBy('o.year', 'ASC')
        .addOrderBy('o.indicator_code', 'ASC')
        .getMany();
      const byProvince = groupBy(rows, (row) => row.provinceId);
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
