import type { MetricsContext } from '../context.js';
import type { Indicator } from './indicator.entity.js';

export function resolveIndicatorReference(reference: { code: string }, ctx: MetricsContext): Promise<Indicator | null> {
  return ctx.loaders.indicatorByCode.load(reference.code);
}
