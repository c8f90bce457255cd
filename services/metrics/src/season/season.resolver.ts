import { ErrorCode } from '@thidua/kit';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, Float, ID, Resolver, Root } from 'type-graphql';
import type { MetricsContext } from '../context.js';
import { DEFAULT_INDEX, DEFAULT_MIN_COVERAGE, rankIndex, rankIndicator } from '../ranking/ranking.service.js';
import { IndexScore, IndicatorRank } from '../ranking/ranking.types.js';
import { ClusterSeason, type ClusterSeasonRef } from './season.type.js';

export const requiresMembers = '@requires(fields: "members { id }")';

/** The member ids federation supplied; without them no ranking can be honest. */
export function memberIds(season: ClusterSeasonRef): string[] {
  if (!Array.isArray(season.members)) {
    throw new GraphQLError(
      `The members of ${season.clusterId} ${season.year} did not arrive from the provinces subgraph; ` +
        'its ranking cannot be computed now',
      { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } },
    );
  }
  return season.members.map((member) => member.id);
}

/** Adds to the provinces subgraph's ClusterSeason the rankings of its members. */
@Resolver(() => ClusterSeason)
export class SeasonRankingsResolver {
  @Directive(requiresMembers)
  @FieldResolver(() => [IndicatorRank], {
    nullable: true,
    description: "Ranks the season's members by an indicator in the season's year; non-reporters last, rank null",
  })
  indicatorRanking(
    @Root() season: ClusterSeasonRef,
    @Arg('indicator', () => ID) indicator: string,
    @Ctx() ctx: MetricsContext,
  ): Promise<IndicatorRank[]> {
    return rankIndicator(ctx.loaders, indicator, season.year, memberIds(season));
  }

  @Directive(requiresMembers)
  @FieldResolver(() => [IndexScore], {
    nullable: true,
    description:
      'The default index "ict" over the members in the season\'s year (members with no data not listed); a member ' +
      "whose coverage is below 0.6 ranks after the others (the season's own minimum applies in standings)",
  })
  ictRanking(@Root() season: ClusterSeasonRef, @Ctx() ctx: MetricsContext): Promise<IndexScore[]> {
    return rankIndex(ctx.loaders, DEFAULT_INDEX, season.year, memberIds(season));
  }

  @Directive(requiresMembers)
  @FieldResolver(() => [IndexScore], {
    nullable: true,
    description:
      "An index over the members in the season's year (members with no data not listed; those below minCoverage " +
      'rank after the others)',
  })
  indexRanking(
    @Root() season: ClusterSeasonRef,
    @Arg('index', () => ID) index: string,
    @Ctx() ctx: MetricsContext,
    @Arg('minCoverage', () => Float, { defaultValue: DEFAULT_MIN_COVERAGE }) minCoverage?: number,
  ): Promise<IndexScore[]> {
    return rankIndex(ctx.loaders, index, season.year, memberIds(season), minCoverage);
  }
}
