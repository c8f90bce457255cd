import { badInput, notFound, refuseOnNode } from '@thidua/kit';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { CommendationForm } from '../catalogue/catalogue.entity.js';
import { isUuid } from '../commendation/commendation.service.js';
import type { AwardsContext } from '../context.js';
import { Nomination } from '../nomination/nomination.entity.js';
import { isProposable } from '../nomination/nomination.service.js';
import { requireSeason, seasonLookup } from '../nomination/review.js';
import { requireActor } from '../year/year.guard.js';
import { checkSeason } from '../year/year.resolver.js';
import { adoptByConsensus, withdrawNomination } from './review.service.js';

@Resolver(() => Nomination)
export class ReviewResolver {
  @Mutation(() => Nomination, {
    description:
      'Records a proposal adopted by consensus at the review meeting ("thống nhất đề xuất"), with the minutes ' +
      "(the season's head, the Ministry or an admin); it shows as mode CONSENSUS, never as votes",
  })
  async adoptByConsensus(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('form', () => CommendationForm) form: CommendationForm,
    @Arg('minutes') minutes: string,
    @Ctx() ctx: AwardsContext,
  ): Promise<Nomination> {
    refuseOnNode(ctx, 'adoptByConsensus');
    const who = requireActor(ctx.viewer, 'adoptByConsensus');
    checkSeason(clusterId, year);
    const entry = (await ctx.loaders.catalogueByForm()).get(form)!;
    if (!isProposable(entry)) {
      throw badInput('form', form, `("${entry.name}") is not proposed by a cluster review`);
    }
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    const adopted = await ctx.db.transaction((tx) => adoptByConsensus(tx, who, { season, provinceId, entry, minutes }));
    ctx.loaders.nominationsOfSeason.clear({ clusterId: clusterId, year: year });
    return adopted;
  }

  @Mutation(() => Nomination, {
    description: "Withdraws an open nomination with a reason (the season's head, the Ministry or an admin)",
  })
  async withdrawNomination(
    @Arg('nominationId', () => ID) nominationId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: AwardsContext,
  ): Promise<Nomination> {
    refuseOnNode(ctx, 'withdrawNomination');
    const who = requireActor(ctx.viewer, 'withdrawNomination');
    const nomination = isUuid(nominationId)
      ? await ctx.db.getRepository(Nomination).findOneBy({ id: nominationId })
      : null;
    if (!nomination) throw notFound('nomination', nominationId);
    const season = await requireSeason(seasonLookup(ctx), nomination.clusterId, nomination.year);
    return ctx.db.transaction((tx) => withdrawNomination(tx, who, { season, nominationId, reason }));
  }
}
