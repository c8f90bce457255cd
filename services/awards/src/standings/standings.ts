import { badInput } from '@thidua/kit';
import { provinceRef } from '../province/province.type.js';
import type { Standing } from './standing.type.js';

/** Numbers leave rounded to 4 decimals; they are computed in full precision. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Every weight ≥ 0 and their sum positive, else BAD_USER_INPUT naming them. */
export function checkWeights(ictWeight: number, awardWeight: number, sheetWeight = 0): void {
  const named = [
    ['ictWeight', ictWeight],
    ['awardWeight', awardWeight],
    ['sheetWeight', sheetWeight],
  ] as const;
  for (const [field, value] of named) {
    if (!Number.isFinite(value) || value < 0) throw badInput(field, value, 'must be a number ≥ 0');
  }
  if (ictWeight + awardWeight + sheetWeight <= 0) {
    if (sheetWeight === 0) {
      throw badInput(
        'ictWeight, awardWeight',
        [ictWeight, awardWeight],
        'must not both be 0: their sum must be positive',
      );
    }
    throw badInput('ictWeight, awardWeight, sheetWeight', [ictWeight, awardWeight, sheetWeight], 'must not all be 0');
  }
}

export interface StandingsInput {
  memberIds: string[];
  /** Each member's "ict" index score; members without one are absent. */
  ictScores: Map<string, number>;
  /** Each member's commendation points in the season's year. */
  points: Map<string, number>;
  ictWeight: number;
  awardWeight: number;
  /** Each member's ICT coverage (0–1); a member without ICT data is absent (coverage 0). */
  coverages?: Map<string, number>;
  /** Each appraised member's sheet total normalised to 0–100. */
  sheetScores?: Map<string, number>;
  sheetWeight?: number;
  /**
   * The season's minimum ICT coverage: a member below it ranks after every
   * member at or above it. Applied when the ICT part counts (ictWeight > 0).
   */
  minCoverage?: number | null;
}

/** Why a member below the season's minimum coverage ranks after the others. */
export function coverageNote(coverage: number, minCoverage: number): string {
  return (
    `ICT coverage ${round4(coverage)} is below the season's minimum ${minCoverage}: ` +
    'ranked after every member at or above it'
  );
}

/**
 * The pinned combined standing (docs/ranking.md): total = ictWeight × ictScore +
 * awardWeight × awardScore + sheetWeight × sheetScore, where ictScore is 0
 * when a member has none, awardScore is its points min–max normalised over
 * the members to 0–100 (all equal → 0), and sheetScore its appraised sheet
 * total as a share of the sheet's maximum, 0–100 (0 when not appraised).
 * Competition ranks on the totals as reported; members whose ICT coverage is
 * below the season's minimum rank after all others, among themselves.
 */
export function computeStandings(input: StandingsInput): Standing[] {
  const members = [...new Set(input.memberIds)];
  const points = members.map((id) => input.points.get(id) ?? 0);
  const min = Math.min(...points);
  const max = Math.max(...points);
  const sheetWeight = input.sheetWeight ?? 0;
  const rule = input.minCoverage ?? null;
  const applyRule = rule !== null && input.coverages !== undefined && input.ictWeight > 0;
  const rows = members.map((id, index) => {
    const ict = input.ictScores.get(id);
    const sheet = input.sheetScores?.get(id);
    const coverage = input.coverages?.get(id);
    const awardScore = max > min ? (100 * (points[index] - min)) / (max - min) : 0;
    const total = input.ictWeight * (ict ?? 0) + input.awardWeight * awardScore + sheetWeight * (sheet ?? 0);
    const below = applyRule && (coverage ?? 0) < rule;
    return {
      rank: 0,
      province: provinceRef(id),
      ictScore: ict === undefined ? null : round4(ict),
      coverage: coverage === undefined ? null : round4(coverage),
      awardScore: round4(awardScore),
      points: round4(points[index]),
      sheetScore: sheet === undefined ? null : round4(sheet),
      total: round4(total),
      belowMinCoverage: below,
      note: below ? coverageNote(coverage ?? 0, rule) : null,
    };
  });
  // Stable: equal totals keep the members' order as provinces lists them (by Vietnamese name).
  rows.sort((a, b) => Number(a.belowMinCoverage) - Number(b.belowMinCoverage) || b.total - a.total);
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    const tied = previous && previous.total === row.total && previous.belowMinCoverage === row.belowMinCoverage;
    row.rank = tied ? previous.rank : index + 1;
  });
  return rows;
}
