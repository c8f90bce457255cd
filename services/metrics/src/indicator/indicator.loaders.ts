import { oneLoader, rows } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import type { Indicator } from './indicator.entity.js';

const byCodes = {
  name: 'metrics.indicator-by-code',
  text: `SELECT i.code, i.name, i.unit, i.direction, i.scale_max AS "scaleMax", i.pillar
           FROM indicator i WHERE i.code = ANY($1::text[])`,
};

/** Per-request loaders of indicators, keyed by code. */
export function indicatorLoaders(db: DataSource) {
  return {
    indicatorByCode: oneLoader(
      (codes: readonly string[]) => rows<Indicator>(db, byCodes, [codes]),
      (indicator) => indicator.code,
    ),
  };
}
