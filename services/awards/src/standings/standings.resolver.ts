import { serviceUnavailable, type SeasonKey } from '@thidua/kit';
import { Arg, Ctx, Directive, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { AssessmentStatus } from '../assessment/assessment.entity.js';
import { sheetScore, totalOf } from '../assessment/scoring.js';
import type { AwardsContext } from '../context.js';
import { standingsFrom } from '../lock/lock.service.js';
import { ClusterSeason } from '../season/season.type.js';
import { defaultRules, weightsOf } from '../year/season-year.entity.js';
import { Standing } from './standing.type.js';
import { checkWeights, computeStandings } from './standings.js';

/** A member's points as the loader found them (a member without any has 0). */
function pointsOf(found: { points: number } | null | Error): number {
  if (found instanceof Error) throw found;
  return found?.points ?? 0;
}

@Resolver(() => ClusterSeason)
export class StandingsResolver {
  @Directive('@requires(fields: "members { id } ictRanking { province { id } score coverage }")')
  @FieldResolver(() => [Standing], {
    nullable: true,
    description:
      'The combined table of the season (docs/ranking.md): ictWeight × ICT index score + awardWeight × commendation ' +
      "points normalised 0–100 over the members + sheetWeight × the sheet's appraised total as a share of its " +
      "maximum (0–100). A weight not given is the season's own (default 0.7 / 0.3 / 0); weights ≥ 0, not all 0. " +
      "Members below the season's minimum ICT coverage rank after the others. A locked season answers from its " +
      'frozen inputs, so later changes (catalogue points) never move it',
  })
  async standings(
    @Root() season: ClusterSeason,
    @Ctx() ctx: AwardsContext,
    @Arg('ictWeight', () => Float, { nullable: true }) ictWeight?: number | null,
    @Arg('awardWeight', () => Float, { nullable: true }) awardWeight?: number | null,
    @Arg('sheetWeight', () => Float, { nullable: true }) sheetWeight?: number | null,
  ): Promise<Standing[]> {
    const key: SeasonKey = { clusterId: season.clusterId, year: season.year };
    const [year, locked] = await Promise.all([ctx.loaders.year.seasonYear(key), ctx.loaders.year.result(key)]);
    const own = locked ? locked.record.weights : weightsOf(year);
    const weights = { ict: ictWeight ?? own.ict, award: awardWeight ?? own.award, sheet: sheetWeight ?? own.sheet };
    checkWeights(weights.ict, weights.award, weights.sheet);
    if (locked) return standingsFrom(locked.record.inputs, weights, locked.record.minCoverage, locked.record.maxTotal);

    const name = `${season.clusterId} ${season.year}`;
    if (!Array.isArray(season.members)) {
      throw serviceUnavailable('provinces', `The standings of ${name} need its members, which did not arrive`);
    }
    if (!Array.isArray(season.ictRanking)) {
      throw serviceUnavailable(
        'metrics',
        `The standings of ${name} need its ICT ranking from the metrics service, which did not answer`,
      );
    }
    const memberIds = season.members.map((member) => member.id);
    const ictScores = new Map<string, number>();
    const coverages = new Map<string, number>();
    for (const entry of season.ictRanking) {
      if (!entry.province) continue;
      if (typeof entry.score === 'number') ictScores.set(entry.province.id, entry.score);
      if (typeof entry.coverage === 'number') coverages.set(entry.province.id, entry.coverage);
    }
    const [points, sheetScores] = await Promise.all([
      ctx.loaders.pointsOf.loadMany(memberIds.map((provinceId) => ({ provinceId, year: season.year }))),
      appraisedSheetScores(ctx, key),
    ]);
    return computeStandings({
      memberIds,
      ictScores,
      coverages,
      points: new Map(memberIds.map((id, index) => [id, pointsOf(points[index])])),
      sheetScores,
      ictWeight: weights.ict,
      awardWeight: weights.award,
      sheetWeight: weights.sheet,
      minCoverage: year?.minCoverage ?? defaultRules.minCoverage,
    });
  }
}

/** Each appraised member's sheet total as a share of the sheet's maximum, 0–100. */
async function appraisedSheetScores(ctx: AwardsContext, key: SeasonKey): Promise<Map<string, number>> {
  const [criteria, assessments, items] = await Promise.all([
    ctx.loaders.year.criteria.load(key),
    ctx.loaders.year.assessments.load(key),
    ctx.loaders.year.items.load(key),
  ]);
  const maxTotal = criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  const scores = new Map<string, number>();
  for (const assessment of assessments) {
    if (assessment.status !== AssessmentStatus.APPRAISED) continue;
    const total = totalOf(items.filter((i) => i.provinceId === assessment.provinceId).map((i) => i.appraisedScore));
    const score = sheetScore(total, maxTotal);
    if (score !== null) scores.set(assessment.provinceId, score);
  }
  return scores;
}
