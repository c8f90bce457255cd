import { entityFromRaw, manyLoader, oneLoader, ProvinceYear, SeasonKey } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { byVietnameseName, type ProvinceLoaders } from '../province/province.loaders.js';
import { Province } from '../province/province.entity.js';
import { ClusterSeason, SeasonMember } from './season.entity.js';
import { SeasonRevision } from './season-revision.entity.js';

/**
 * Per-request loaders of seasons and their members, keyed by {@link SeasonKey}
 * (or a cluster id, or a {@link ProvinceYear}). Members found here are primed
 * into `provinceById`, so heads and deputies cost no statement of their own.
 */
export function seasonLoaders(db: DataSource, provinces: Pick<ProvinceLoaders, 'provinceById'>) {
  return {
    seasonByKey: oneLoader(
      (keys: readonly SeasonKey[]) =>
        db
          .getRepository(ClusterSeason)
          .createQueryBuilder('s')
          .where(...SeasonKey.in('s', keys))
          .getMany(),
      SeasonKey,
    ),

    seasonsOfCluster: manyLoader(
      (clusterIds: readonly string[]) =>
        db.getRepository(ClusterSeason).find({ where: { clusterId: In([...clusterIds]) }, order: { year: 'ASC' } }),
      (season) => season.clusterId,
    ),

    /** Member provinces of each season, by Vietnamese name. */
    membersOfSeason: manyLoader(async (keys: readonly SeasonKey[]) => {
      const raw = await db
        .getRepository(Province)
        .createQueryBuilder('p')
        .innerJoin(SeasonMember, 'm', 'm.provinceId = p.id')
        .addSelect(['m.clusterId', 'm.year'])
        .where(...SeasonKey.in('m', keys))
        .getRawMany();
      const members = raw.map((row) => ({
        ...SeasonKey.of(entityFromRaw(db, SeasonMember, row, 'm')),
        province: entityFromRaw(db, Province, row, 'p'),
      }));
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
