import { manyLoader, oneLoader } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { Province } from './province.entity.js';

/** Provinces by Vietnamese name, as every list of them is shown. */
// One collator for the process: `localeCompare(…, 'vi')` looks one up on every call (most of a sort's cost).
const vietnamese = new Intl.Collator('vi');
export const byVietnameseName = (a: Province, b: Province) => vietnamese.compare(a.name, b.name);

/** Per-request loaders of provinces, keyed by province id. */
export function provinceLoaders(db: DataSource) {
  const repository = db.getRepository(Province);
  return {
    provinceById: oneLoader(
      (ids: readonly string[]) => repository.findBy({ id: In([...ids]) }),
      (province) => province.id,
    ),
    /** The units merged into each province, by Vietnamese name. */
    predecessorsOf: manyLoader(
      async (ids: readonly string[]) => (await repository.findBy({ successorId: In([...ids]) })).sort(byVietnameseName),
      (province) => province.successorId!,
    ),
  };
}

export type ProvinceLoaders = ReturnType<typeof provinceLoaders>;
