import { manyLoader, oneLoader, rows } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import type { Province } from './province.entity.js';

/** Provinces by Vietnamese name, as every list of them is shown. */
// One collator for the process: `localeCompare(…, 'vi')` looks one up on every call (most of a sort's cost).
const vietnamese = new Intl.Collator('vi');
export const byVietnameseName = (a: Province, b: Province) => vietnamese.compare(a.name, b.name);

/**
 * A province's columns (table alias `p`) named as its entity's fields, dates
 * as the `YYYY-MM-DD` strings the entity holds: rows of these read as
 * `Province` objects with no mapping.
 */
export const provinceColumns = `p.id, p.code, p.name, p.kind, p.region,
  to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(p.valid_until, 'YYYY-MM-DD') AS "validUntil",
  p.successor_id AS "successorId"`;

const byIds = {
  name: 'provinces.province-by-id',
  text: `SELECT ${provinceColumns} FROM province p WHERE p.id = ANY($1::text[])`,
};
const bySuccessor = {
  name: 'provinces.predecessors',
  text: `SELECT ${provinceColumns} FROM province p WHERE p.successor_id = ANY($1::text[])`,
};
const onDay = {
  name: 'provinces.provinces-on',
  text: `SELECT ${provinceColumns} FROM province p
          WHERE (p.valid_from IS NULL OR p.valid_from <= $1::date) AND (p.valid_until IS NULL OR p.valid_until >= $1::date)
            AND ($2::text IS NULL OR p.region = $2::text)`,
};

/** The units that existed on `day` (`YYYY-MM-DD`), in one region or all, by Vietnamese name. */
export async function provincesOn(db: DataSource, day: string, region: string | null): Promise<Province[]> {
  return (await rows<Province>(db, onDay, [day, region])).sort(byVietnameseName);
}

/** Per-request loaders of provinces, keyed by province id. */
export function provinceLoaders(db: DataSource) {
  return {
    provinceById: oneLoader(
      (ids: readonly string[]) => rows<Province>(db, byIds, [ids]),
      (province) => province.id,
    ),
    /** The units merged into each province, by Vietnamese name. */
    predecessorsOf: manyLoader(
      async (ids: readonly string[]) => (await rows<Province>(db, bySuccessor, [ids])).sort(byVietnameseName),
      (province) => province.successorId!,
    ),
  };
}

export type ProvinceLoaders = ReturnType<typeof provinceLoaders>;
