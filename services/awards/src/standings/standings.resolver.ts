import { Arg, Ctx, Directive, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { serviceUnavailable } from '@thidua/kit';
import type { AwardsContext } from '../context.js';
import { ClusterSeason } from '../season/season.type.js';
import { Standing } from './standing.type.js';
import { checkWeights, computeStandings } from './standings.js';

/** A member's points as the loader found them (a member without any has 0). */
function pointsOf(found: { points: number } | null | Error): number {
  if (found instanceof Error) throw found;
  return found?.points ?? 0;
}

@Resolver(() => ClusterSeason)
export class StandingsResolver {
  @Directive('@requires(fields: "members { id } ictRanking { province { id } score }")')
  @FieldResolver(() => [Standing], {
    nullable: true,
    description:
      'The combined table of the season (docs/ranking.md): ictWeight × ICT index score + awardWeight × commendation ' +
      'points normalised 0–100 over the members; weights ≥ 0, not both 0',
  })
  async standings(
    @Root() season: ClusterSeason,
    @Ctx() ctx: AwardsContext,
    @Arg('ictWeight', () => Float, { nullable: true, defaultValue: 0.7 }) ictWeight: number | null,
    @Arg('awardWeight', () => Float, { nullable: true, defaultValue: 0.3 }) awardWeight: number | null,
  ): Promise<Standing[]> {
    const weights = { ict: ictWeight ?? 0.7, award: awardWeight ?? 0.3 };
    checkWeights(weights.ict, weights.award);
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
    for (const entry of season.ictRanking) {
      if (entry.province && typeof entry.score === 'number') ictScores.set(entry.province.id, entry.score);
    }
    const points = await ctx.loaders.pointsOf.loadMany(
      memberIds.map((provinceId) => ({ provinceId, year: season.year })),
    );
    return computeStandings({
      memberIds,
      ictScores,
      points: new Map(memberIds.map((id, index) => [id, pointsOf(points[index])])),
      ictWeight: weights.ict,
      awardWeight: weights.award,
    });
  }
}
