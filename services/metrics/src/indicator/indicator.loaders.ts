import { oneLoader, rows } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import type { Indicator } from './indicator.entity.js';

/** An indicator's columns, named as the entity's fields (`i` is the table). */
export const indicatorColumns = `i.code, i.name, i.unit, i.direction, i.scale_max AS "scaleMax", i.pillar`;

const byCodes = {
  name: 'metrics.indicator-by-code',
  text: `SELECT ${indicatorColumns} FROM indicator i WHERE i.code = ANY($1::text[])`,
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
