import { manyLoader, SeasonKey } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { CatalogueEntry } from '../catalogue/catalogue.entity.js';
import { Nomination } from './nomination.entity.js';
import { Vote } from './vote.entity.js';

/** Per-request loaders of the review: each season's nominations and each nomination's votes. */
export function nominationLoaders(db: DataSource) {
  return {
    /** A season's nominations, most senior form first, then in the order they were made. */
    nominationsOfSeason: manyLoader(
      (keys: readonly SeasonKey[]) =>
        db
          .getRepository(Nomination)
          .createQueryBuilder('n')
          .leftJoin(CatalogueEntry, 'e', 'e.form = n.form')
          .where(...SeasonKey.in('n', keys))
          .orderBy('e.display_order', 'ASC')
          .addOrderBy('n.nominated_at', 'ASC')
          .addOrderBy('n.province_id', 'ASC')
          .getMany(),
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
