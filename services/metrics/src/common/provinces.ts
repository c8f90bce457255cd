import { referenceData, type ProvinceRecord, type ProvinceRegistry } from '@thidua/kit/reference';

/**
 * The national list of units with validity and lineage. It validates writes and
 * gives root rankings the lineage of merged units; `Province.observations`
 * gets lineage through federation instead (`@requires(fields: "predecessors { id }")`).
 */
export function provinceRegistry(): ProvinceRegistry {
  return referenceData().provinces;
}

/** The year a unit began, or null when it existed before records begin. */
export function firstYear(record: Pick<ProvinceRecord, 'validFrom'>): number | null {
  return record.validFrom ? Number(record.validFrom.slice(0, 4)) : null;
}

/**
 * Whether `year` lies before the unit began, so its values for that year can
 * only be derived from the units merged into it.
 */
export function predatesUnit(provinceId: string, year: number): boolean {
  const record = provinceRegistry().get(provinceId);
  if (!record) return false;
  const from = firstYear(record);
  return from !== null && year < from;
}

const collator = new Intl.Collator('vi');

/** Orders province ids by Vietnamese name (unknown ids last, by id). */
export function compareByName(a: string, b: string): number {
  const nameA = provinceRegistry().get(a)?.name;
  const nameB = provinceRegistry().get(b)?.name;
  if (nameA && nameB) return collator.compare(nameA, nameB) || a.localeCompare(b);
  if (nameA) return -1;
  if (nameB) return 1;
  return a.localeCompare(b);
}
