import { badInput } from '@thidua/kit';
import { provinceRef } from '../province/province.type.js';
import type { Standing } from './standing.type.js';

/** Numbers leave rounded to 4 decimals; they are computed in full precision. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Both weights ≥ 0 and not both 0, else BAD_USER_INPUT naming them. */
export function checkWeights(ictWeight: number, awardWeight: number): void {
  for (const [field, value] of [
    ['ictWeight', ictWeight],
    ['awardWeight', awardWeight],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw badInput(field, value, 'must be a number ≥ 0');
  }
  if (ictWeight + awardWeight <= 0) {
    throw badInput(
      'ictWeight, awardWeight',
      [ictWeight, awardWeight],
      'must not both be 0: their sum must be positive',
    );
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
}

/**
 * The pinned combined standing (docs/ranking.md): total = ictWeight × ictScore +
 * awardWeight × awardScore, where ictScore is 0 when a member has none and
 * awardScore is its points min–max normalised over the members to 0–100 (all
 * equal → 0). Competition ranks on the totals as reported.
 */
export function computeStandings(input: StandingsInput): Standing[] {
  const members = [...new Set(input.memberIds)];
  const points = members.map((id) => input.points.get(id) ?? 0);
  const min = Math.min(...points);
  const max = Math.max(...points);
  const rows = members.map((id, index) => {
    const ict = input.ictScores.get(id);
    const awardScore = max > min ? (100 * (points[index] - min)) / (max - min) : 0;
    const total = input.ictWeight * (ict ?? 0) + input.awardWeight * awardScore;
    return {
      rank: 0,
      province: provinceRef(id),
      ictScore: ict === undefined ? null : round4(ict),
      awardScore: round4(awardScore),
      points: round4(points[index]),
      total: round4(total),
    };
  });
  // Stable: equal totals keep the members' order as provinces lists them (by Vietnamese name).
  rows.sort((a, b) => b.total - a.total);
  rows.forEach((row, index) => {
    row.rank = index > 0 && rows[index - 1].total === row.total ? rows[index - 1].rank : index + 1;
  });
  return rows;
}
