import type { ProvincesContext } from '../context.js';
import type { Province } from './province.entity.js';

export function resolveProvinceReference(reference: { id: string }, ctx: ProvincesContext): Promise<Province | null> {
  return ctx.loaders.provinceById.load(reference.id);
}
