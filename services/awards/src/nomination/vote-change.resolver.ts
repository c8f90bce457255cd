import { refuseOnNode, requireViewer } from '@thidua/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { Nomination } from './nomination.entity.js';
import { seasonLookup } from './review.js';
import { changeVote } from './vote-change.service.js';

@Resolver(() => Nomination)
export class VoteChangeResolver {
  @Mutation(() => Nomination, {
    description:
      "A member changes the vote it cast, with its own province's sign-in, while the nomination is open; " +
      'every change is kept',
  })
  async changeVote(
    @Arg('nominationId', () => ID) nominationId: string,
    @Arg('voterProvinceId', () => ID) voterProvinceId: string,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: AwardsContext,
  ): Promise<Nomination> {
    refuseOnNode(ctx, 'changeVote');
    const actor = requireViewer(ctx.viewer);
    const nomination = await ctx.db.transaction((em) =>
      changeVote(em, actor, { nominationId, voterProvinceId, approve }, seasonLookup(ctx)),
    );
    ctx.loaders.votesOf.clear(nomination.id);
    return nomination;
  }
}
