import { oneLoader } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { Indicator } from './indicator.entity.js';

/** Per-request loaders of indicators, keyed by code. */
export function indicatorLoaders(db: DataSource) {
  return {
    indicatorByCode: oneLoader(
      (codes: readonly string[]) => db.getRepository(Indicator).findBy({ code: In([...codes]) }),
      (indicator) => indicator.code,
    ),
  };
}
