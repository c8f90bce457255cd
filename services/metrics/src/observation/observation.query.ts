import { selectedFields } from '@thidua/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { firstYear, provinceRegistry } from '../common/provinces.js';
import type { Loaders } from '../context.js';
import { deriveFromPredecessors } from './derive.js';
import type { Observation } from './observation.entity.js';

// The order of `localeCompare` without arguments, with one collator instead of a lookup per comparison.
const collator = new Intl.Collator();
const byYearThenIndicator = (a: Observation, b: Observation) =>
  a.year - b.year || collator.compare(a.indicatorCode, b.indicatorCode);

/**
 * A province's observations, optionally for one year and/or indicator: its
 * stored ones, plus — for a unit with predecessors — values derived from them
 * for the years before it existed. All loads go through DataLoader, so many
 * provinces in one request cost one statement per kind of load.
 */
export async function observationsOfProvince(
  loaders: Pick<Loaders, 'observationsOf' | 'indicatorByCode' | 'heldIndicators'>,
  provinceId: string,
  predecessorIds: readonly string[],
  year: number | null,
  indicator: string | null,
  /** What the query asks of the rows beyond their figures ({@link observationNeeds}). */
  needs: ObservationNeeds = { indicator: false, record: true },
): Promise<Observation[]> {
  const { indicator: withIndicator, record: wholeRows } = needs;
  const record = provinceRegistry().get(provinceId);
  const began = record ? firstYear(record) : null;
  const derives = predecessorIds.length > 0 && began !== null && (year === null || year < began);
  const [own, ...inherited] = await Promise.all([
    loaders.observationsOf.load({ provinceId, year, indicator, record: wholeRows }),
    ...(derives
      ? predecessorIds.map((id) => loaders.observationsOf.load({ provinceId: id, year, indicator, record: wholeRows }))
      : []),
  ]);
  if (!derives) return withIndicator ? withIndicators(loaders, own) : own;
  const before = inherited.flat().filter((o) => o.year < began!);
  const codes = [...new Set(before.map((o) => o.indicatorCode))];
  const indicators = await loaders.indicatorByCode.loadMany(codes);
  const units = new Map(
    indicators.flatMap((indicator, i) =>
      indicator && !(indicator instanceof Error) ? [[codes[i], indicator.unit] as const] : [],
    ),
  );
  const derived = deriveFromPredecessors(provinceId, predecessorIds, before, (code) => units.get(code));
  const all = [...own, ...derived].sort(byYearThenIndicator);
  return withIndicator ? withIndicators(loaders, all) : all;
}

/**
 * Gives each observation its indicator, so that field answers without a
 * promise per row (a province page has hundreds of rows): from the catalogue
 * the process holds, or else loaded for all of them at once (the same one
 * statement per tick the `indicator` field would cost).
 */
async function withIndicators(
  loaders: Pick<Loaders, 'indicatorByCode' | 'heldIndicators'>,
  observations: Observation[],
): Promise<Observation[]> {
  const held = loaders.heldIndicators();
  if (held) {
    let complete = true;
    for (const observation of observations) {
      const indicator = held.get(observation.indicatorCode);
      if (indicator) observation.loadedIndicator = indicator;
      else complete = false;
    }
    if (complete) return observations;
  }
  const codes = [...new Set(observations.map((o) => o.indicatorCode))];
  const found = await loaders.indicatorByCode.loadMany(codes);
  const byCode = new Map(codes.map((code, i) => [code, found[i]]));
  for (const observation of observations) {
    const indicator = byCode.get(observation.indicatorCode);
    if (indicator && !(indicator instanceof Error)) observation.loadedIndicator = indicator;
  }
  return observations;
}

/** What a query asks of the observations a field returns, beyond their figures. */
export interface ObservationNeeds {
  /** Their indicator: loaded for all rows at once. */
  indicator: boolean;
  /** A field the figure columns alone do not answer (how the figure is stated, who recorded it, when and why). */
  record: boolean;
}

/**
 * The fields the figure columns answer (observation.loaders.ts), with those
 * resolved from elsewhere: a query asking only these reads the figures alone,
 * any other field (a new one too) reads whole rows.
 */
const figureFields = new Set([
  '__typename',
  'year',
  'value',
  'numerator',
  'denominator',
  'source',
  'revision',
  'indicator',
  'province',
  'derived',
  'derivedFrom',
  'history',
]);

/** What the field being resolved asks of the observations it returns (without `info`, everything). */
export function observationNeeds(info: GraphQLResolveInfo | undefined): ObservationNeeds {
  if (!info) return { indicator: true, record: true };
  const asked = selectedFields(info);
  return { indicator: asked.has('indicator'), record: [...asked].some((field) => !figureFields.has(field)) };
}
