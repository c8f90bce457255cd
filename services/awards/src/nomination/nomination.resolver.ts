import { refuseOnNode, requireViewer } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { CommendationForm } from '../catalogue/catalogue.entity.js';
import type { AwardsContext } from '../context.js';
import { Province, provinceRef } from '../province/province.type.js';
import { ClusterSeason, seasonRef } from '../season/season.type.js';
import { AdoptionThreshold } from '../season/threshold.entity.js';
import { Nomination } from './nomination.entity.js';
import { castVote, closeNomination, nominate } from './nomination.service.js';
import { seasonLookup } from './review.js';
import { Vote } from './vote.entity.js';

@Resolver(() => Nomination)
export class NominationResolver {
  @FieldResolver(() => ClusterSeason)
  season(@Root() nomination: Nomination): ClusterSeason {
    return seasonRef(nomination.clusterId, nomination.year);
  }

  @FieldResolver(() => Province)
  province(@Root() nomination: Nomination): Province {
    return provinceRef(nomination.provinceId);
  }

  @FieldResolver(() => [Vote], { description: 'The votes cast, in order' })
  votes(@Root() nomination: Nomination, @Ctx() ctx: AwardsContext): Promise<Vote[]> {
    return ctx.loaders.votesOf.load(nomination.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Votes for it needed to be adopted, under the rule it was decided by (null while open)',
  })
  votesNeeded(@Root() nomination: Nomination): number | null {
    if (nomination.membersAtClose === null || nomination.thresholdPercent === null) return null;
    const rule = Object.assign(new AdoptionThreshold(), {
      percent: nomination.thresholdPercent,
      inclusive: nomination.thresholdInclusive ?? false,
    });
    return rule.votesNeeded(nomination.membersAtClose);
  }

  @Mutation(() => Nomination, {
    description: "Proposes a member of a season for a form (the season's head, the Ministry or an admin)",
  })
  nominate(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('form', () => CommendationForm) form: CommendationForm,
    @Ctx() ctx: AwardsContext,
  ): Promise<Nomination> {
    refuseOnNode(ctx, 'nominate');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => nominate(em, actor, { clusterId, year, provinceId, form }, seasonLookup(ctx)));
  }

  @Mutation(() => Nomination, {
    description: "A member province's vote, once per nomination, with that province's own token",
  })
  async castVote(
    @Arg('nominationId', () => ID) nominationId: string,
    @Arg('voterProvinceId', () => ID) voterProvinceId: string,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: AwardsContext,
  ): Promise<Nomination> {
    refuseOnNode(ctx, 'castVote');
    const actor = requireViewer(ctx.viewer);
    const nomination = await ctx.db.transaction((em) =>
      castVote(em, actor, { nominationId, voterProvinceId, approve }, seasonLookup(ctx)),
    );
    ctx.loaders.votesOf.clear(nomination.id);
    return nomination;
  }

  @Mutation(() => Nomination, {
    description: "Decides a nomination by the season's adoption threshold (its head, the Ministry or an admin)",
  })
  closeNomination(@Arg('nominationId', () => ID) nominationId: string, @Ctx() ctx: AwardsContext): Promise<Nomination> {
    refuseOnNode(ctx, 'closeNomination');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => closeNomination(em, actor, { nominationId }, seasonLookup(ctx)));
  }
}

@Resolver(() => Vote)
export class VoteResolver {
  @FieldResolver(() => Province)
  voter(@Root() vote: Vote): Province {
    return provinceRef(vote.voterProvinceId);
  }
}
