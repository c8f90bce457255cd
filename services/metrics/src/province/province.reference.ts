import type { ProvinceRef } from './province.type.js';

/** Metrics holds no province rows: the representation (with any required lineage) is the object. */
export function resolveProvinceReference(reference: ProvinceRef): ProvinceRef {
  return reference;
}
