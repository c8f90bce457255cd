import DataLoader from 'dataloader';
import { groupBy, seasonKey, splitSeasonKey, type BaseContext } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { CatalogueEntry, type CommendationForm } from './catalogue/catalogue.entity.js';
import { PointsChange } from './catalogue/points-change.entity.js';
import { Commendation } from './commendation/commendation.entity.js';
import { CommendationRevision } from './commendation/commendation-revision.entity.js';
import { CommendationTally } from './commendation/tally.entity.js';
import { Nomination } from './nomination/nomination.entity.js';
import { Vote } from './nomination/vote.entity.js';
import type { SeasonDirectory } from './provinces-client/season-directory.js';
import { AdoptionThreshold, defaultAdoptionThreshold } from './season/threshold.entity.js';
import type { YearLoaders } from './year/year.loaders.js';

export interface AwardsContext extends BaseContext {
  db: DataSource;
  loaders: Loaders;
  /** The provinces subgraph, for season members and heads on review writes. */
  seasons: SeasonDirectory;
  /** The emulation year's loaders (sheet, assessments, election, lock, history). */
  year: YearLoaders;
}

/** A province's awards within fromYear … toYear (either open). */
export interface YearRange {
  provinceId: string;
  fromYear: number | null;
  toYear: number | null;
}

const rangeKey = (range: YearRange) => `${range.provinceId}|${range.fromYear ?? ''}|${range.toYear ?? ''}`;
const EARLIEST = -1;
const LATEST = 1_000_000;

/** Whether a record known to fall in first … last certainly falls within the asked range. */
function within(range: YearRange, first: number, last: number): boolean {
  return first >= (range.fromYear ?? EARLIEST) && last <= (range.toYear ?? LATEST);
}

/**
 * Per-request batching: however many provinces, seasons or nominations a query
 * touches, each loader sends one statement per tick.
 */
export function createLoaders(db: DataSource) {
  let catalogue: Promise<Map<CommendationForm, CatalogueEntry>> | undefined;
  /** The whole catalogue (ten rows), read once per request. */
  const catalogueByForm = () => {
    catalogue ??= db
      .getRepository(CatalogueEntry)
      .find({ order: { displayOrder: 'ASC' } })
      .then((rows) => new Map(rows.map((row) => [row.form, row])));
    return catalogue;
  };

  const commendationsIn = new DataLoader<YearRange, Commendation[], string>(
    async (ranges) => {
      const rows = await db
        .getRepository(Commendation)
        .createQueryBuilder('c')
        .leftJoin(CatalogueEntry, 'e', 'e.form = c.form')
        .where('c.province_id = ANY(:ids)', { ids: [...new Set(ranges.map((r) => r.provinceId))] })
        .andWhere('coalesce(c.period_from, c.year) >= :from', {
          from: Math.min(...ranges.map((r) => r.fromYear ?? EARLIEST)),
        })
        .andWhere('coalesce(c.period_to, c.year) <= :to', { to: Math.max(...ranges.map((r) => r.toYear ?? LATEST)) })
        .orderBy('c.year', 'ASC')
        .addOrderBy('e.display_order', 'ASC')
        .addOrderBy('c.recipient_name', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .getMany();
      const byProvince = groupBy(rows, (row) => row.provinceId);
      return ranges.map((range) =>
        (byProvince.get(range.provinceId) ?? []).filter((c) =>
          within(range, c.periodFrom ?? c.year, c.periodTo ?? c.year),
        ),
      );
    },
    { cacheKeyFn: rangeKey },
  );

  const talliesIn = new DataLoader<YearRange, CommendationTally[], string>(
    async (ranges) => {
      const rows = await db
        .getRepository(CommendationTally)
        .createQueryBuilder('t')
        .leftJoin(CatalogueEntry, 'e', 'e.form = t.form')
        .where('t.province_id = ANY(:ids)', { ids: [...new Set(ranges.map((r) => r.provinceId))] })
        .orderBy('t.period_from', 'ASC')
        .addOrderBy('t.period_to', 'ASC')
        .addOrderBy('e.display_order', 'ASC')
        .addOrderBy('t.recipient_kind', 'ASC')
        .getMany();
      const byProvince = groupBy(rows, (row) => row.provinceId);
      return ranges.map((range) =>
        (byProvince.get(range.provinceId) ?? []).filter((t) => within(range, t.periodFrom, t.periodTo)),
      );
    },
    { cacheKeyFn: rangeKey },
  );

  const historyOf = new DataLoader<string, CommendationRevision[]>(async (ids) => {
    const rows = await db
      .getRepository(CommendationRevision)
      .find({ where: { commendationId: In([...ids]) }, order: { revision: 'ASC' } });
    const groups = groupBy(rows, (row) => row.commendationId);
    return ids.map((id) => groups.get(id) ?? []);
  });

  const pointsHistoryOf = new DataLoader<CommendationForm, PointsChange[]>(async (forms) => {
    const rows = await db.getRepository(PointsChange).find({ where: { form: In([...forms]) }, order: { id: 'ASC' } });
    const groups = groupBy(rows, (row) => row.form);
    return forms.map((form) => groups.get(form) ?? []);
  });

  const nominationsOfSeason = new DataLoader<string, Nomination[]>(async (keys) => {
    const rows = await db
      .getRepository(Nomination)
      .createQueryBuilder('n')
      .leftJoin(CatalogueEntry, 'e', 'e.form = n.form')
      .where('(n.cluster_id, n.year) IN (SELECT * FROM unnest(:clusters::text[], :years::int[]))', {
        clusters: keys.map((k) => splitSeasonKey(k)[0]),
        years: keys.map((k) => splitSeasonKey(k)[1]),
      })
      .orderBy('e.display_order', 'ASC')
      .addOrderBy('n.nominated_at', 'ASC')
      .addOrderBy('n.province_id', 'ASC')
      .getMany();
    const groups = groupBy(rows, (row) => seasonKey(row.clusterId, row.year));
    return keys.map((key) => groups.get(key) ?? []);
  });

  const votesOf = new DataLoader<string, Vote[]>(async (ids) => {
    const rows = await db
      .getRepository(Vote)
      .find({ where: { nominationId: In([...ids]) }, order: { castAt: 'ASC', voterProvinceId: 'ASC' } });
    const groups = groupBy(rows, (row) => row.nominationId);
    return ids.map((id) => groups.get(id) ?? []);
  });

  /** Every revision of each season's threshold, oldest first; empty when the default rule applies. */
  const thresholdsOfSeason = new DataLoader<string, AdoptionThreshold[]>(async (keys) => {
    const rows = await db
      .getRepository(AdoptionThreshold)
      .createQueryBuilder('t')
      .where('(t.cluster_id, t.year) IN (SELECT * FROM unnest(:clusters::text[], :years::int[]))', {
        clusters: keys.map((k) => splitSeasonKey(k)[0]),
        years: keys.map((k) => splitSeasonKey(k)[1]),
      })
      .orderBy('t.revision', 'ASC')
      .getMany();
    const groups = groupBy(rows, (row) => seasonKey(row.clusterId, row.year));
    return keys.map((key) => groups.get(key) ?? []);
  });

  const thresholdOfSeason = async (clusterId: string, year: number): Promise<AdoptionThreshold> => {
    const history = await thresholdsOfSeason.load(seasonKey(clusterId, year));
    return history.at(-1) ?? defaultAdoptionThreshold(clusterId, year);
  };

  /**
   * Commendation points per "province:year", for standings: awards with a known
   * year plus counted tallies for that exact year, at the catalogue's current points.
   */
  const pointsOf = new DataLoader<string, number>(async (keys) => {
    const rows: { key: string; points: number }[] = await db.query(
      `WITH asked (province_id, year) AS (SELECT * FROM unnest($1::text[], $2::int[]))
       SELECT a.province_id || ':' || a.year AS key, coalesce(sum(p.points), 0)::float8 AS points
         FROM asked a
         LEFT JOIN (
           SELECT c.province_id, c.year, e.points
             FROM commendation c JOIN catalogue_entry e ON e.form = c.form
            WHERE c.period_from IS NULL AND c.province_id = ANY($1)
           UNION ALL
           SELECT t.province_id, t.period_from, e.points * t.count
             FROM commendation_tally t JOIN catalogue_entry e ON e.form = t.form
            WHERE t.period_from = t.period_to AND t.province_id = ANY($1)
         ) p ON p.province_id = a.province_id AND p.year = a.year
        GROUP BY a.province_id, a.year`,
      [keys.map((k) => splitSeasonKey(k)[0]), keys.map((k) => splitSeasonKey(k)[1])],
    );
    const found = new Map(rows.map((row) => [row.key, Number(row.points)]));
    return keys.map((key) => found.get(key) ?? 0);
  });

  return {
    catalogueByForm,
    commendationsIn,
    talliesIn,
    historyOf,
    pointsHistoryOf,
    nominationsOfSeason,
    votesOf,
    thresholdsOfSeason,
    thresholdOfSeason,
    pointsOf,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
