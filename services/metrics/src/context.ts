import DataLoader from 'dataloader';
import { groupBy, type BaseContext } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { IndexComponent } from './index/index-component.entity.js';
import { IndexDefinition } from './index/index.entity.js';
import { Indicator } from './indicator/indicator.entity.js';
import { ObservationRevision } from './observation/observation-revision.entity.js';
import { Observation } from './observation/observation.entity.js';
import {
  rankIndicators,
  rankIndices,
  type IndexRankingRequest,
  type IndexScoreRow,
  type IndicatorRankingRequest,
  type IndicatorRankRow,
} from './ranking/ranking.sql.js';

export interface MetricsContext extends BaseContext {
  db: DataSource;
  loaders: Loaders;
}

/** Which stored observations to fetch for one province; a null filter matches all. */
export interface ObservationQuery {
  provinceId: string;
  year: number | null;
  indicator: string | null;
}

/** "province|indicator|year": one string per observation, for DataLoader's cache. */
export function observationKey(o: { provinceId: string; indicatorCode: string; year: number }): string {
  return `${o.provinceId}|${o.indicatorCode}|${o.year}`;
}

const jsonKey = (value: unknown) => JSON.stringify(value);

/**
 * Per-request batching: however many provinces, seasons or observations a
 * query touches, each loader issues one statement per tick.
 */
export function createLoaders(db: DataSource) {
  const indicatorByCode = new DataLoader<string, Indicator | null>(async (codes) => {
    const rows = await db.getRepository(Indicator).findBy({ code: In([...codes]) });
    const found = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => found.get(code) ?? null);
  });

  const indexById = new DataLoader<string, IndexDefinition | null>(async (ids) => {
    const rows = await db.getRepository(IndexDefinition).findBy({ id: In([...ids]) });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  const componentsOfIndex = new DataLoader<string, IndexComponent[]>(async (ids) => {
    const rows = await db
      .getRepository(IndexComponent)
      .find({ where: { indexId: In([...ids]) }, order: { weight: 'DESC', indicatorCode: 'ASC' } });
    const groups = groupBy(rows, (row) => row.indexId);
    return ids.map((id) => groups.get(id) ?? []);
  });

  const observationsOf = new DataLoader<ObservationQuery, Observation[], string>(
    async (queries) => {
      const rows = await db
        .getRepository(Observation)
        .createQueryBuilder('o')
        .where(
          `EXISTS (SELECT 1 FROM unnest(:provinces::text[], :years::int[], :indicators::text[]) AS q(province_id, year, code)
                    WHERE q.province_id = o.province_id AND (q.year IS NULL OR q.year = o.year)
                      AND (q.code IS NULL OR q.code = o.indicator_code))`,
          {
            provinces: queries.map((q) => q.provinceId),
            years: queries.map((q) => q.year),
            indicators: queries.map((q) => q.indicator),
          },
        )
        .orderBy('o.year', 'ASC')
        .addOrderBy('o.indicator_code', 'ASC')
        .getMany();
      const byProvince = groupBy(rows, (row) => row.provinceId);
      return queries.map((q) =>
        (byProvince.get(q.provinceId) ?? []).filter(
          (o) => (q.year === null || o.year === q.year) && (q.indicator === null || o.indicatorCode === q.indicator),
        ),
      );
    },
    { cacheKeyFn: jsonKey },
  );

  const historyOf = new DataLoader<string, ObservationRevision[]>(async (keys) => {
    const split = keys.map((key) => key.split('|'));
    const rows = await db
      .getRepository(ObservationRevision)
      .createQueryBuilder('r')
      .where(
        '(r.province_id, r.indicator_code, r.year) IN (SELECT * FROM unnest(:provinces::text[], :indicators::text[], :years::int[]))',
        {
          provinces: split.map((k) => k[0]),
          indicators: split.map((k) => k[1]),
          years: split.map((k) => Number(k[2])),
        },
      )
      .orderBy('r.revision', 'ASC')
      .getMany();
    const groups = groupBy(rows, observationKey);
    return keys.map((key) => groups.get(key) ?? []);
  });

  const indicatorRanking = new DataLoader<IndicatorRankingRequest, IndicatorRankRow[], string>(
    (requests) => rankIndicators(db, requests),
    { cacheKeyFn: jsonKey },
  );

  const indexRanking = new DataLoader<IndexRankingRequest, IndexScoreRow[], string>(
    (requests) => rankIndices(db, requests),
    { cacheKeyFn: jsonKey },
  );

  return {
    indicatorByCode,
    indexById,
    componentsOfIndex,
    observationsOf,
    historyOf,
    indicatorRanking,
    indexRanking,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
