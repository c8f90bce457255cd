import { refuseOnNode, requireViewer } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, ID, Int, Float, Mutation, Resolver, Root } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { Nomination } from '../nomination/nomination.entity.js';
import { seasonLookup } from '../nomination/review.js';
import { ClusterSeason, seasonRef } from './season.type.js';
import { AdoptionThreshold } from './threshold.entity.js';
import { setAdoptionThreshold } from './threshold.service.js';

/** Adds to the provinces subgraph's ClusterSeason its review: nominations and the adoption threshold. */
@Resolver(() => ClusterSeason)
export class SeasonReviewResolver {
  @FieldResolver(() => [Nomination], {
    nullable: true,
    description: "The review's nominations, most senior form first",
  })
  nominations(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<Nomination[]> {
    return ctx.loaders.nominationsOfSeason.load(season);
  }

  @FieldResolver(() => AdoptionThreshold, {
    nullable: true,
    description: 'The rule nominations are decided by (default: more than half of the members)',
  })
  adoptionThreshold(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<AdoptionThreshold> {
    return ctx.loaders.thresholdOfSeason(season);
  }

  @FieldResolver(() => [AdoptionThreshold], {
    nullable: true,
    description: 'Every threshold set for the season, oldest first (empty: the default rule was never changed)',
  })
  adoptionThresholdHistory(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<AdoptionThreshold[]> {
    return ctx.loaders.thresholdsOfSeason.load(season);
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
    refuseOnNode(ctx, 'setAdoptionThreshold');
    const actor = requireViewer(ctx.viewer);
    await ctx.db.transaction((em) =>
      setAdoptionThreshold(em, actor, { clusterId, year, percent, inclusive }, seasonLookup(ctx)),
    );
    ctx.loaders.thresholdsOfSeason.clear({ clusterId, year });
    return seasonRef(clusterId, year);
  }
}
