/*
 * The arithmetic of the sheet, kept apart from storage so the rules can be
 * tested as a table: the indicator rule, totals, and the ranking by appraised total.
 */

/** Sheet scores keep two decimals (quarter and half points are usual). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The stated rule for a criterion linked to an indicator: maxPoints × the
 * member's normalised 0–100 score on the indicator among the season's
 * members / 100, to two decimals. No figure, no rule score.
 */
export function ruleScore(maxPoints: number, normalisedScore: number | null | undefined): number | null {
  if (normalisedScore === null || normalisedScore === undefined) return null;
  const bounded = Math.min(100, Math.max(0, normalisedScore));
  return round2((maxPoints * bounded) / 100);
}

/** Whether an appraised score departs from the rule (more than rounding). */
export function departsFromRule(score: number, rule: number | null): boolean {
  return rule !== null && Math.abs(score - rule) > 0.005;
}

/** The sum of the scores given; null when none is. */
export function totalOf(scores: readonly (number | null)[]): number | null {
  const given = scores.filter((score): score is number => score !== null);
  return given.length === 0 ? null : round2(given.reduce((sum, score) => sum + score, 0));
}

export interface SheetTotal {
  provinceId: string;
  selfTotal: number | null;
  appraisedTotal: number | null;
}

export interface RankedSheetTotal extends SheetTotal {
  rank: number | null;
}

/**
 * Members by appraised total, best first, with competition ranks (ties share
 * a rank); members not appraised come last with rank null. `order` keeps the
 * members' order (by Vietnamese name) among equals.
 */
export function rankSheet(totals: readonly SheetTotal[]): RankedSheetTotal[] {
  const ranked = totals
    .map((total, index) => ({ ...total, index }))
    .sort((a, b) => {
      if (a.appraisedTotal === null || b.appraisedTotal === null) {
        return Number(a.appraisedTotal === null) - Number(b.appraisedTotal === null) || a.index - b.index;
      }
      return b.appraisedTotal - a.appraisedTotal || a.index - b.index;
    });
  return ranked.map(({ index: _index, ...row }) => {
    if (row.appraisedTotal === null) return { ...row, rank: null };
    const first = ranked.findIndex((other) => other.appraisedTotal === row.appraisedTotal);
    return { ...row, rank: first + 1 };
  });
}

/** The appraised total as a share of the sheet's maximum, 0–100 (the standings' third part). */
export function sheetScore(appraisedTotal: number | null, maxTotal: number): number | null {
  if (appraisedTotal === null || maxTotal <= 0) return null;
  return (100 * appraisedTotal) / maxTotal;
}
