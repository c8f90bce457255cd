import { manyLoader, oneLoader, ProvinceYear, rows, SeasonKey } from '@thidua/kit';
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
const membersByKey = {
  name: 'provinces.members-of-season',
  text: `SELECT m.cluster_id AS "m_clusterId", m.year AS m_year, ${provinceColumns}
           FROM season_member m JOIN province p ON p.id = m.province_id
          WHERE (m.cluster_id, m.year) IN (SELECT * FROM ${askedSeasons})`,
};

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

    /** Member provinces of each season, by Vietnamese name. */
    membersOfSeason: manyLoader(async (keys: readonly SeasonKey[]) => {
      const members = await rows(db, membersByKey, SeasonKey.unnest(keys)[1], toMember);
      for (const { province } of members) provinces.provinceById.prime(province.id, province);
      return members.sort((a, b) => byVietnameseName(a.province, b.province));
    }, SeasonKey),

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
