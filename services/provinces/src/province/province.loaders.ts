import { manyLoader, oneLoader } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { Province } from './province.entity.js';

/** Provinces by Vietnamese name, as every list of them is shown. */
export const byVietnameseName = (a: Province, b: Province) => a.name.localeCompare(b.name, 'vi');

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
