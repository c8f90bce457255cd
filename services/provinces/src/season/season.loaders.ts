import { batchLoader, groupBy, manyLoader, oneLoader, ProvinceYear, rows, SeasonKey } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { byVietnameseName, provinceColumns, type ProvinceLoaders } from '../province/province.loaders.js';
import type { Province } from '../province/province.entity.js';
import type { ClusterSeason } from './season.entity.js';
import { SeasonMember } from './season.entity.js';
import { SeasonRevision } from './season-revision.entity.js';

const seasonColumns = `s.cluster_id AS "clusterId", s.year, s.head_id AS "headId", s.deputy_head_id AS "deputyHeadId",
  s.source, s.members_assumed AS "membersAssumed", s.members_note AS "membersNote", s.updated_at AS "updatedAt"`;
/** The seasons asked for, by `(cluster_id, year)` pairs ($1, $2). */
const askedSeasons = SeasonKey.unnest([])[0];
const seasonsByKey = {
  name: 'provinces.season-by-key',
  text: `SELECT ${seasonColumns} FROM cluster_season s WHERE (s.cluster_id, s.year) IN (SELECT * FROM ${askedSeasons})`,
};
const seasonsOfClusters = {
  name: 'provinces.seasons-of-cluster',
  text: `SELECT ${seasonColumns} FROM cluster_season s WHERE s.cluster_id = ANY($1::text[]) ORDER BY s.year`,
};
const members = (name: string, columns: string) => ({
  name,
  text: `SELECT m.cluster_id AS "m_clusterId", m.year AS m_year, ${columns}
           FROM season_member m JOIN province p ON p.id = m.province_id
          WHERE (m.cluster_id, m.year) IN (SELECT * FROM ${askedSeasons})`,
});
const membersByKey = members('provinces.members-of-season', provinceColumns);
/** Members by id and name only: what rankings and lists of every season ask (hundreds of rows at once). */
const memberNamesByKey = members('provinces.member-names-of-season', 'p.id, p.name');

/** The members of a season, and whether only their ids and names are asked ({@link membersOfSeason}). */
export interface MembersQuery extends SeasonKey {
  namesOnly: boolean;
}

/** A row of {@link membersByKey}: the season's key and the member province. */
function toMember({
  m_clusterId: clusterId,
  m_year: year,
  ...province
}: Province & { m_clusterId: string; m_year: number }) {
  return { clusterId, year, province: province as Province };
}

/**
 * Per-request loaders of seasons and their members, keyed by {@link SeasonKey}
 * (or a cluster id, or a {@link ProvinceYear}). Members found here are primed
 * into `provinceById`, so heads and deputies cost no statement of their own.
 */
export function seasonLoaders(db: DataSource, provinces: Pick<ProvinceLoaders, 'provinceById'>) {
  return {
    seasonByKey: oneLoader(
      (keys: readonly SeasonKey[]) => rows<ClusterSeason>(db, seasonsByKey, SeasonKey.unnest(keys)[1]),
      SeasonKey,
    ),

    seasonsOfCluster: manyLoader(
      (clusterIds: readonly string[]) => rows<ClusterSeason>(db, seasonsOfClusters, [clusterIds]),
      (season) => season.clusterId,
    ),

    /**
     * Member provinces of each season, by Vietnamese name. Asked only for
     * their ids and names (every query of a tick), they are read as such;
     * otherwise whole, and primed into `provinceById`.
     */
    membersOfSeason: batchLoader(async (queries: readonly MembersQuery[]) => {
      const whole = queries.some((query) => !query.namesOnly);
      const found = await rows(db, whole ? membersByKey : memberNamesByKey, SeasonKey.unnest(queries)[1], toMember);
      if (whole) for (const { province } of found) provinces.provinceById.prime(province.id, province);
      const bySeason = groupBy(found, (member) => SeasonKey.key(member));
      for (const group of bySeason.values()) group.sort((a, b) => byVietnameseName(a.province, b.province));
      return queries.map((query) => bySeason.get(SeasonKey.key(query)) ?? []);
    }),

    /** The cluster a province belongs to in a year, as its membership row. */
    membershipOf: oneLoader(
      (keys: readonly ProvinceYear[]) =>
        db
          .getRepository(SeasonMember)
          .createQueryBuilder('m')
          .where(...ProvinceYear.in('m', keys))
          .getMany(),
      ProvinceYear,
    ),

    revisionsOfSeason: manyLoader(
      (keys: readonly SeasonKey[]) =>
        db
          .getRepository(SeasonRevision)
          .createQueryBuilder('r')
          .where(...SeasonKey.in('r', keys))
          .orderBy('r.revision', 'ASC')
          .getMany(),
      SeasonKey,
    ),
  };
}
