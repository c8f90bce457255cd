import { provinceRef, type Province } from './province.type.js';

/** Awards keeps nothing about a province itself: the representation is the object. */
export function resolveProvinceReference(reference: { id: string }): Province {
  return provinceRef(reference.id);
}
