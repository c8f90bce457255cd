import { manyLoader, SeasonKey } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { AdoptionThreshold, defaultAdoptionThreshold } from './threshold.entity.js';

/** Per-request loaders of what awards keeps per season: its adoption thresholds. */
export function seasonLoaders(db: DataSource) {
  /** Every revision of each season's threshold, oldest first; empty when the default rule applies. */
  const thresholdsOfSeason = manyLoader(
    (keys: readonly SeasonKey[]) =>
      db
        .getRepository(AdoptionThreshold)
        .createQueryBuilder('t')
        .where(...SeasonKey.in('t', keys))
        .orderBy('t.revision', 'ASC')
        .getMany(),
    SeasonKey,
  );
  return {
    thresholdsOfSeason,
    /** The threshold in force: the latest set, else the default rule. */
    thresholdOfSeason: async (season: SeasonKey): Promise<AdoptionThreshold> =>
      (await thresholdsOfSeason.load(season)).at(-1) ?? defaultAdoptionThreshold(season.clusterId, season.year),
  };
}
