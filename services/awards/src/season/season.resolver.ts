import { seasonKey } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, ID, Int, Float, Mutation, Resolver, Root } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { Nomination } from '../nomination/nomination.entity.js';
import { setAdoptionThreshold } from '../nomination/nomination.service.js';
import { ClusterSeason, seasonRef } from './season.type.js';
import { AdoptionThreshold } from './threshold.entity.js';

@Resolver(() => ClusterSeason)
export class SeasonResolver {
  @FieldResolver(() => [Nomination], {
    nullable: true,
    description: "The review's nominations, most senior form first",
  })
  nominations(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<Nomination[]> {
    return ctx.loaders.nominationsOfSeason.load(seasonKey(season.clusterId, season.year));
  }

  @FieldResolver(() => AdoptionThreshold, {
    nullable: true,
    description: 'The rule nominations are decided by (default: more than half of the members)',
  })
  adoptionThreshold(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<AdoptionThreshold> {
    return ctx.loaders.thresholdOfSeason(season.clusterId, season.year);
  }

  @FieldResolver(() => [AdoptionThreshold], {
    nullable: true,
    description: 'Every threshold set for the season, oldest first (empty: the default rule was never changed)',
  })
  adoptionThresholdHistory(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<AdoptionThreshold[]> {
    return ctx.loaders.thresholdsOfSeason.load(seasonKey(season.clusterId, season.year));
  }

  @Mutation(() => ClusterSeason, {
    description:
      "Sets how many votes adopt a nomination in a season, as a percent of its members (the season's head, " +
      'the Ministry or an admin). inclusive: false means "more than", true means "at least"',
  })
  async setAdoptionThreshold(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('percent', () => Float) percent: number,
    @Ctx() ctx: AwardsContext,
    @Arg('inclusive', () => Boolean, { defaultValue: false }) inclusive: boolean,
  ): Promise<ClusterSeason> {
    await setAdoptionThreshold(ctx, clusterId, year, percent, inclusive);
    ctx.loaders.thresholdsOfSeason.clear(seasonKey(clusterId, year));
    return seasonRef(clusterId, year);
  }
}
