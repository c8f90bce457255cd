import { manyLoader, rows, SeasonKey } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { Nomination } from './nomination.entity.js';
import { Vote } from './vote.entity.js';

/**
 * The nominations of the seasons ($1, $2), named as the entity's fields: most
 * senior form first, then in the order they were made. A named statement, so
 * Postgres plans it once per connection; built by TypeORM's query builder it
 * was planned on every request, two thirds of what Postgres spent on it
 * (docs/operations.md).
 */
const nominationsOfSeasons = {
  name: 'awards.nominations-of-seasons',
  text: `SELECT n.id, n.cluster_id AS "clusterId", n.year, n.province_id AS "provinceId", n.form, n.status,
                n.votes_for AS "votesFor", n.votes_against AS "votesAgainst", n.members_at_close AS "membersAtClose",
                n.threshold_percent AS "thresholdPercent", n.threshold_inclusive AS "thresholdInclusive", n.source,
                n.note, n.nominated_by AS "nominatedBy", n.nominated_at AS "nominatedAt", n.closed_by AS "closedBy",
                n.closed_at AS "closedAt", n.mode, n.minutes, n.withdrawn_reason AS "withdrawnReason",
                n.decision_note AS "decisionNote"
           FROM nomination n
           LEFT JOIN catalogue_entry e ON e.form = n.form
          WHERE (n.cluster_id, n.year) IN (SELECT * FROM ${SeasonKey.unnest([])[0]})
          ORDER BY e.display_order ASC, n.nominated_at ASC, n.province_id ASC`,
};

/** Per-request loaders of the review: each season's nominations and each nomination's votes. */
export function nominationLoaders(db: DataSource) {
  return {
    /** A season's nominations, most senior form first, then in the order they were made. */
    nominationsOfSeason: manyLoader(
      (keys: readonly SeasonKey[]) =>
        rows<Nomination, Nomination>(db, nominationsOfSeasons, SeasonKey.unnest(keys)[1], (row) =>
          Object.assign(new Nomination(), row),
        ),
      SeasonKey,
    ),
    votesOf: manyLoader(
      (ids: readonly string[]) =>
        db
          .getRepository(Vote)
          .find({ where: { nominationId: In([...ids]) }, order: { castAt: 'ASC', voterProvinceId: 'ASC' } }),
      (vote) => vote.nominationId,
    ),
  };
}
