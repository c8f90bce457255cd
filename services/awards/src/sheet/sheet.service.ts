import { badInput, checkText, forbidden, isNational } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { refuseIfLocked } from '../lock/lock.guard.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { checkWeights } from '../standings/standings.js';
import { SeasonYear } from '../year/season-year.entity.js';
import { recordEvent, requireHeadOrMinistry, requireMinistry, takeSeasonYear, type Actor } from '../year/year.guard.js';
import { Criterion } from './criterion.entity.js';

/** The most points one criterion may carry; a sheet of 100 or 1000 points is usual. */
const MAX_CRITERION_POINTS = 1000;
const MAX_CRITERIA = 300;

export interface CriterionFields {
  code: string;
  group: string;
  title: string;
  maxPoints: number;
  indicator?: string | null;
  evidenceRequired?: boolean | null;
}

export interface SheetInput {
  season: SeasonFacts;
  criteria: CriterionFields[];
  weights?: { sheet: number; ict: number; award: number } | null;
  /** Needed once a self-assessment was submitted (the Ministry's redefinition). */
  reason?: string | null;
  /** Indicator codes metrics knows, checked before the transaction. */
  knownIndicators: Set<string>;
}

/** Checks and trims every criterion; messages name `criteria[i].<field>` and the value. */
export function checkCriteria(criteria: CriterionFields[], knownIndicators: Set<string>): CriterionFields[] {
  if (criteria.length === 0) throw badInput('criteria', criteria, 'must list at least one criterion');
  if (criteria.length > MAX_CRITERIA) {
    throw badInput('criteria', `${criteria.length} criteria`, `is more than ${MAX_CRITERIA}`);
  }
  const codes = new Map<string, number>();
  return criteria.map((c, i) => {
    const code = checkText(`criteria[${i}].code`, c.code, 20);
    if (codes.has(code)) throw badInput(`criteria[${i}].code`, code, `repeats criteria[${codes.get(code)}]`);
    codes.set(code, i);
    if (!Number.isFinite(c.maxPoints) || c.maxPoints <= 0 || c.maxPoints > MAX_CRITERION_POINTS) {
      throw badInput(
        `criteria[${i}].maxPoints`,
        c.maxPoints,
        `is not a number above 0 and at most ${MAX_CRITERION_POINTS}`,
      );
    }
    if (c.indicator != null && !knownIndicators.has(c.indicator)) {
      throw badInput(`criteria[${i}].indicator`, c.indicator, 'is not a known indicator');
    }
    return {
      code,
      group: checkText(`criteria[${i}].group`, c.group, 300),
      title: checkText(`criteria[${i}].title`, c.title, 1000),
      maxPoints: c.maxPoints,
      indicator: c.indicator ?? null,
      evidenceRequired: c.evidenceRequired ?? false,
    };
  });
}

/** Whether any member of the season has submitted a self-assessment (now or before a return). */
async function anySubmitted(tx: EntityManager, clusterId: string, year: number): Promise<boolean> {
  const [row] = await tx.query(
    'SELECT 1 FROM assessment WHERE cluster_id = $1 AND year = $2 AND submitted_at IS NOT NULL LIMIT 1',
    [clusterId, year],
  );
  return Boolean(row);
}

/**
 * Defines (or redefines) the season's scoring sheet and standing weights. The
 * head or the Ministry may until the first self-assessment is submitted; after
 * that only the Ministry, with a reason. Criteria keep their id by code, so
 * scores already given stay with them; a criterion left out takes its scores
 * with it. A maximum below a score already given is refused.
 */
export async function defineScoringSheet(tx: EntityManager, who: Actor, input: SheetInput): Promise<SeasonYear> {
  const { season } = input;
  requireHeadOrMinistry(who, season, 'defineScoringSheet');
  const criteria = checkCriteria(input.criteria, input.knownIndicators);
  if (input.weights) checkWeights(input.weights.ict, input.weights.award, input.weights.sheet);
  const year = await takeSeasonYear(tx, season.clusterId, season.year);
  await refuseIfLocked(tx, season.clusterId, season.year, 'defineScoringSheet');
  let reason: string | null = null;
  if (await anySubmitted(tx, season.clusterId, season.year)) {
    if (!isNational(who)) {
      throw forbidden(
        `defineScoringSheet: members of ${season.clusterId} ${season.year} have submitted their self-assessments; ` +
          'from then on only the Ministry changes the sheet, with a reason',
      );
    }
    requireMinistry(who, 'defineScoringSheet after the first submission');
    if (input.reason == null) {
      throw badInput('reason', null, 'is needed: members have submitted, so a change of the sheet must say why');
    }
  }
  if (input.reason != null) reason = checkText('reason', input.reason, 1000);

  const repository = tx.getRepository(Criterion);
  const existing = new Map(
    (await repository.findBy({ clusterId: season.clusterId, year: season.year })).map((c) => [c.code, c]),
  );
  const scores: { criterion_id: string; province_id: string; top: number }[] = await tx.query(
    `SELECT criterion_id, province_id, greatest(coalesce(self_score, 0), coalesce(appraised_score, 0)) AS top
       FROM assessment_item WHERE cluster_id = $1 AND year = $2`,
    [season.clusterId, season.year],
  );
  criteria.forEach((c, i) => {
    const kept = existing.get(c.code);
    const over = kept ? scores.find((s) => s.criterion_id === kept.id && s.top > c.maxPoints) : undefined;
    if (over) {
      throw badInput(
        `criteria[${i}].maxPoints`,
        c.maxPoints,
        `is below the score ${over.top} "${over.province_id}" has for ${c.code}`,
      );
    }
  });
  const keptCodes = new Set(criteria.map((c) => c.code));
  const dropped = [...existing.values()].filter((c) => !keptCodes.has(c.code)).map((c) => c.id);
  if (dropped.length > 0) await repository.delete(dropped);
  await repository.save(
    criteria.map((c, position) =>
      Object.assign(existing.get(c.code) ?? repository.create({ clusterId: season.clusterId, year: season.year }), {
        position,
        code: c.code,
        group: c.group,
        title: c.title,
        maxPoints: c.maxPoints,
        indicatorCode: c.indicator ?? null,
        evidenceRequired: c.evidenceRequired ?? false,
      }),
    ),
  );
  Object.assign(year, {
    sheetRevision: year.sheetRevision + 1,
    sheetDefinedBy: who.sub,
    sheetDefinedAt: new Date(),
    ...(input.weights
      ? { weightSheet: input.weights.sheet, weightIct: input.weights.ict, weightAward: input.weights.award }
      : {}),
  });
  await tx.getRepository(SeasonYear).save(year);
  const groups = new Set(criteria.map((c) => c.group)).size;
  const total = criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  const weights = input.weights
    ? `; weights sheet ${input.weights.sheet}, ict ${input.weights.ict}, award ${input.weights.award}`
    : '';
  await recordEvent(
    tx,
    season,
    who.sub,
    'defineScoringSheet',
    `revision ${year.sheetRevision}: ${criteria.length} criteria in ${groups} groups, ${total} points${weights}` +
      `${reason ? `; reason: ${reason}` : ''}`,
  );
  return year;
}
