import { batchLoader, groupBy, manyLoader, oneLoader, ProvinceYear, rows } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { CatalogueEntry } from '../catalogue/catalogue.entity.js';
import { CommendationRevision } from './commendation-revision.entity.js';
import { Commendation } from './commendation.entity.js';
import { CommendationTally } from './tally.entity.js';

/** A province's awards within fromYear … toYear (either open). */
export interface YearRange {
  provinceId: string;
  fromYear: number | null;
  toYear: number | null;
}

const EARLIEST = -1;
const LATEST = 1_000_000;

/** Whether a record known to fall in first … last certainly falls within the asked range. */
function within(range: YearRange, first: number, last: number): boolean {
  return first >= (range.fromYear ?? EARLIEST) && last <= (range.toYear ?? LATEST);
}

/** A province's points in a year, as the set-based points query returns it. */
export interface PointsRow extends ProvinceYear {
  points: number;
}

/** The (province, year) pairs asked for, as a row source of $1, $2. */
const askedPoints = ProvinceYear.unnest([])[0];
/** The statement of `pointsOf`. */
const pointsStatement = {
  name: 'awards.points-of',
  text: `WITH asked (province_id, year) AS (SELECT * FROM ${askedPoints})
         SELECT a.province_id AS "provinceId", a.year, coalesce(sum(p.points), 0)::float8 AS points
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
};

/**
 * Commendations of the provinces $1 whose year or period lies in $2 … $3, by
 * year, most senior form first, named as the entity's fields.
 */
const commendationsStatement = {
  name: 'awards.commendations-in',
  text: `SELECT c.id, c.province_id AS "provinceId", c.form, c.year, c.period_from AS "periodFrom",
                c.period_to AS "periodTo", c.recipient_kind AS "recipientKind", c.recipient_name AS "recipientName",
                c.decision, to_char(c.decision_date, 'YYYY-MM-DD') AS "decisionDate", c.citation, c.source, c.issuer,
                c.seed_key AS "seedKey", c.revision, c.recorded_by AS "recordedBy", c.recorded_at AS "recordedAt",
                c.updated_by AS "updatedBy", c.updated_at AS "updatedAt"
           FROM commendation c LEFT JOIN catalogue_entry e ON e.form = c.form
          WHERE c.province_id = ANY($1::text[])
            AND coalesce(c.period_from, c.year) >= $2::int AND coalesce(c.period_to, c.year) <= $3::int
          ORDER BY c.year ASC, e.display_order ASC, c.recipient_name ASC, c.id ASC`,
};

/** A row of {@link commendationsStatement} as a `Commendation` (its `yearApproximate` getter is on the class). */
const asCommendation = (row: Commendation): Commendation => Object.assign(new Commendation(), row);

/** Per-request loaders of commendations, tallies, their histories and points. */
export function commendationLoaders(db: DataSource) {
  return {
    /** Commendations certainly within each range: by year, most senior form first. */
    commendationsIn: batchLoader(async (ranges: readonly YearRange[]) => {
      const found = await rows(
        db,
        commendationsStatement,
        [
          [...new Set(ranges.map((r) => r.provinceId))],
          Math.min(...ranges.map((r) => r.fromYear ?? EARLIEST)),
          Math.max(...ranges.map((r) => r.toYear ?? LATEST)),
        ],
        asCommendation,
      );
      const byProvince = groupBy(found, (row) => row.provinceId);
      return ranges.map((range) =>
        (byProvince.get(range.provinceId) ?? []).filter((c) =>
          within(range, c.periodFrom ?? c.year, c.periodTo ?? c.year),
        ),
      );
    }),

    /** Tallies whose period lies within each range. */
    talliesIn: batchLoader(async (ranges: readonly YearRange[]) => {
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
    }),

    /** Every recorded state of each commendation, oldest first. */
    historyOf: manyLoader(
      (ids: readonly string[]) =>
        db
          .getRepository(CommendationRevision)
          .find({ where: { commendationId: In([...ids]) }, order: { revision: 'ASC' } }),
      (revision) => revision.commendationId,
    ),

    /**
     * A province's commendation points in a year, for standings: awards with a
     * known year plus counted tallies for that exact year, at the catalogue's
     * current points. One set-based statement for every member of every season.
     */
    pointsOf: oneLoader(
      (keys: readonly ProvinceYear[]) => rows<PointsRow>(db, pointsStatement, ProvinceYear.unnest(keys)[1]),
      ProvinceYear,
    ),
  };
}
