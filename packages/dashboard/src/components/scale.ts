import type { Format } from '../i18n/i18n';

/**
 * Five steps of one blue, light to dark, by normalised score (0–100, already
 * direction-aware: higher is better). Text switches to white on the two dark
 * steps; every pair passes WCAG AA (≥ 4.5:1). Values and ranks are always
 * printed too, so colour is never the only carrier.
 */
export const scaleSteps = [
  { from: 0, background: '#eef3fa', text: '#14213d' },
  { from: 20, background: '#cddff2', text: '#14213d' },
  { from: 40, background: '#9fc0e6', text: '#14213d' },
  { from: 60, background: '#2f68ad', text: '#ffffff' },
  { from: 80, background: '#17477f', text: '#ffffff' },
] as const;

/** The step of a score; `null` (not reported) gets none. */
export function scaleStep(score: number | null | undefined): (typeof scaleSteps)[number] | null {
  if (score == null) return null;
  let step: (typeof scaleSteps)[number] = scaleSteps[0];
  for (const candidate of scaleSteps) if (score >= candidate.from) step = candidate;
  return step;
}

/**
 * The step of a member by its rank among the peers ranked on an indicator:
 * the first darkest, the last lightest, whatever the absolute values. A member
 * without a value or a rank gets none.
 */
export function rankStep(rank: number | null | undefined, ranked: number): (typeof scaleSteps)[number] | null {
  if (rank == null || ranked < 1) return null;
  return scaleStep(ranked === 1 ? 100 : (100 * (ranked - rank)) / (ranked - 1));
}

/** What an indicator value needs to be read: its unit, and whether a scale bounds it. */
export interface IndicatorShape {
  unit: string;
  scaleMax?: number | null;
}

/**
 * A value as its unit reads, with a fixed number of decimals so a column
 * lines up: percentages one, counts none, 0–1 scores three, other scores two.
 */
export function formatValue(indicator: IndicatorShape, value: number | null | undefined, format: Format): string {
  switch (indicator.unit) {
    case 'PERCENT':
      return format.fixed(value, 1);
    case 'COUNT':
      return format.fixed(value, 0);
    default:
      return format.fixed(value, indicator.scaleMax != null && indicator.scaleMax <= 1 ? 3 : 2);
  }
}
