import { Arg, Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { MetricsContext } from '../context.js';
import { memberIds, requiresMembers } from '../season/season.resolver.js';
import { ClusterSeason, type ClusterSeasonRef } from '../season/season.type.js';
import { IndicatorAverage } from './cluster-average.type.js';

/** Adds to the provinces subgraph's ClusterSeason the mean of each indicator over its members. */
@Resolver(() => ClusterSeason)
export class SeasonAveragesResolver {
  @Directive(requiresMembers)
  @FieldResolver(() => [IndicatorAverage], {
    nullable: true,
    description:
      "Each indicator's mean over the members in the season's year (exact values only; members without one left " +
      'out), by indicator code; `indicator` keeps that one. Indicators no member reported are not listed',
  })
  async indicatorAverages(
    @Root() season: ClusterSeasonRef,
    @Ctx() ctx: MetricsContext,
    @Arg('indicator', () => ID, { nullable: true }) indicator?: string | null,
  ): Promise<IndicatorAverage[]> {
    const members = memberIds(season);
    const rows = await ctx.loaders.indicatorAverages.load({ year: season.year, memberIds: members });
    const kept = indicator == null ? rows : rows.filter((row) => row.indicatorCode === indicator);
    const indicators = await ctx.loaders.indicatorByCode.loadMany(kept.map((row) => row.indicatorCode));
    return kept.map((row, i) => ({
      indicator: indicators[i] as IndicatorAverage['indicator'],
      year: season.year,
      average: row.average,
      reporting: row.reporting,
      memberCount: members.length,
      synthetic: row.synthetic,
    }));
  }
}
