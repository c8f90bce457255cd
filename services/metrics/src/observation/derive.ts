import { ValueKind } from './value-kind.js';
import { round4 } from '../common/numbers.js';
import { IndicatorUnit } from '../indicator/indicator.entity.js';
import { Observation } from './observation.entity.js';

/**
 * A merged unit's values for years before it existed, from the observations of
 * its predecessors: for each indicator and year that EVERY predecessor reported
 * with a numerator and a denominator, Σ numerators / Σ denominators (×100 for
 * a percentage). Never an average of percentages; where any predecessor lacks
 * the pair, there is no value.
 */
export function deriveFromPredecessors(
  provinceId: string,
  predecessorIds: readonly string[],
  predecessorObservations: readonly Observation[],
  unitOf: (indicatorCode: string) => IndicatorUnit | undefined,
): Observation[] {
  const cells = new Map<string, Map<string, Observation>>();
  for (const observation of predecessorObservations) {
    if (!predecessorIds.includes(observation.provinceId)) continue;
    const cell = `${observation.indicatorCode}|${observation.year}`;
    const byPredecessor = cells.get(cell) ?? new Map<string, Observation>();
    byPredecessor.set(observation.provinceId, observation);
    cells.set(cell, byPredecessor);
  }
  const derived: Observation[] = [];
  for (const byPredecessor of cells.values()) {
    const parts = predecessorIds.map((id) => byPredecessor.get(id));
    if (parts.some((part) => !part || part.numerator === null || part.denominator === null)) continue;
    const complete = parts as (Observation & { numerator: number; denominator: number })[];
    const numerator = complete.reduce((sum, part) => sum + part.numerator, 0);
    const denominator = complete.reduce((sum, part) => sum + part.denominator, 0);
    const { indicatorCode, year } = complete[0];
    const unit = unitOf(indicatorCode);
    if (!unit || denominator <= 0) continue;
    const ratio = numerator / denominator;
    derived.push(
      Object.assign(new Observation(), {
        provinceId,
        indicatorCode,
        year,
        value: round4(unit === IndicatorUnit.PERCENT ? 100 * ratio : ratio),
        numerator: round4(numerator),
        denominator: round4(denominator),
        source: `derived: sum of numerators / sum of denominators of ${predecessorIds.join(', ')}`,
        valueKind: ValueKind.EXACT,
        valueUpper: null,
        sourceKept: false,
        reason: null,
        revision: 0,
        recordedBy: null,
        recordedAt: null,
        derivedFrom: [...predecessorIds],
      }),
    );
  }
  return derived;
}
