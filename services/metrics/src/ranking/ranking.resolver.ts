import { Arg, Ctx, Float, ID, Int, Query, Resolver } from 'type-graphql';
import type { MetricsContext } from '../context.js';
import { checkProvinceIds, DEFAULT_MIN_COVERAGE, rankIndex, rankIndicator } from './ranking.service.js';
import { IndexScore, IndicatorRank } from './ranking.types.js';

@Resolver()
export class RankingResolver {
  @Query(() => [IndicatorRank], {
    description:
      'Ranks an indicator for a year. Peer group: the given provinces (those without a value come last with rank ' +
      'null; a merged unit asked about a year before it existed is derived from its predecessors), or every ' +
      'province with a value for it that year',
  })
  indicatorRanking(
    @Arg('indicator', () => ID) indicator: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: MetricsContext,
    @Arg('provinceIds', () => [ID], { nullable: true }) provinceIds?: string[] | null,
  ): Promise<IndicatorRank[]> {
    const peers = provinceIds ? checkProvinceIds('provinceIds', provinceIds) : null;
    return rankIndicator(ctx.loaders, indicator, year, peers);
  }

  @Query(() => [IndexScore], {
    description:
      'Ranks provinces by a composite index for a year, over the given provinces or every province that reported ' +
      'a component; provinces with no component reported are not listed, and those whose coverage is below ' +
      'minCoverage rank after all the others',
  })
  indexRanking(
    @Arg('index', () => ID) index: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: MetricsContext,
    @Arg('provinceIds', () => [ID], { nullable: true }) provinceIds?: string[] | null,
    @Arg('minCoverage', () => Float, { defaultValue: DEFAULT_MIN_COVERAGE }) minCoverage?: number,
  ): Promise<IndexScore[]> {
    const peers = provinceIds ? checkProvinceIds('provinceIds', provinceIds) : null;
    return rankIndex(ctx.loaders, index, year, peers, minCoverage);
  }
}
