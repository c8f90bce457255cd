import { firstYear, provinceRegistry } from '../common/provinces.js';
import type { Loaders } from '../context.js';
import { deriveFromPredecessors } from './derive.js';
import type { Observation } from './observation.entity.js';

const byYearThenIndicator = (a: Observation, b: Observation) =>
  a.year - b.year || a.indicatorCode.localeCompare(b.indicatorCode);

/**
 * A province's observations, optionally for one year and/or indicator: its
 * stored ones, plus — for a unit with predecessors — values derived from them
 * for the years before it existed. All loads go through DataLoader, so many
 * provinces in one request cost one statement per kind of load.
 */
export async function observationsOfProvince(
  loaders: Pick<Loaders, 'observationsOf' | 'indicatorByCode'>,
  provinceId: string,
  predecessorIds: readonly string[],
  year: number | null,
  indicator: string | null,
): Promise<Observation[]> {
  const record = provinceRegistry().get(provinceId);
  const began = record ? firstYear(record) : null;
  const derives = predecessorIds.length > 0 && began !== null && (year === null || year < began);
  const [own, ...inherited] = await Promise.all([
    loaders.observationsOf.load({ provinceId, year, indicator }),
    ...(derives ? predecessorIds.map((id) => loaders.observationsOf.load({ provinceId: id, year, indicator })) : []),
  ]);
  if (!derives) return own;
  const before = inherited.flat().filter((o) => o.year < began!);
  const codes = [...new Set(before.map((o) => o.indicatorCode))];
  const indicators = await loaders.indicatorByCode.loadMany(codes);
  const units = new Map(
    indicators.flatMap((indicator, i) =>
      indicator && !(indicator instanceof Error) ? [[codes[i], indicator.unit] as const] : [],
    ),
  );
  const derived = deriveFromPredecessors(provinceId, predecessorIds, before, (code) => units.get(code));
  return [...own, ...derived].sort(byYearThenIndicator);
}
