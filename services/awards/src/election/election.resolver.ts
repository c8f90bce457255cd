import { refuseOnNode } from '@thidua/kit';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { requireSeason, seasonLookup } from '../nomination/review.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { Province, provinceRef } from '../province/province.type.js';
import { ClusterSeason } from '../season/season.type.js';
import { requireActor } from '../year/year.guard.js';
import { checkSeason } from '../year/year.resolver.js';
import { closeHeadElection, electHeadByConsensus, openHeadElection, voteHead } from './election.service.js';
import { HeadElection } from './head-election.entity.js';
import { tallyOf } from './tally.js';

@ObjectType({ description: 'Votes for one candidate in a round' })
export class HeadVoteCount {
  @Field(() => Province)
  candidate!: Province;

  @Field(() => Int)
  votes!: number;
}

async function ballotsOf(ctx: AwardsContext, election: HeadElection) {
  const votes = await ctx.loaders.year.headVotes.load({ clusterId: election.clusterId, year: election.year });
  return votes.filter((v) => v.round === election.round);
}

/** The season and, for who may lead next year, the season after it (null while it has no record). */
async function seasons(
  ctx: AwardsContext,
  clusterId: string,
  year: number,
): Promise<[SeasonFacts, SeasonFacts | null]> {
  checkSeason(clusterId, year);
  return Promise.all([
    requireSeason(seasonLookup(ctx), clusterId, year),
    ctx.seasons.season(clusterId, year + 1, ctx.logger),
  ]);
}

@Resolver(() => ClusterSeason)
export class SeasonElectionResolver {
  @FieldResolver(() => HeadElection, {
    nullable: true,
    description: "The election of next year's head at this season's review: its latest round",
  })
  async headElection(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<HeadElection | null> {
    return (await ctx.loaders.year.elections.load({ clusterId: season.clusterId, year: season.year })).at(-1) ?? null;
  }

  @FieldResolver(() => [HeadElection], { nullable: true, description: 'Every round of the head election, in order' })
  headElectionRounds(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<HeadElection[]> {
    return ctx.loaders.year.elections.load({ clusterId: season.clusterId, year: season.year });
  }
}

@Resolver(() => HeadElection)
export class HeadElectionResolver {
  @FieldResolver(() => [Province], { description: "Members of year + 1 (this year's while year + 1 has none)" })
  candidates(@Root() election: HeadElection): Province[] {
    return election.candidates.map(provinceRef);
  }

  @FieldResolver(() => Int, { description: 'Votes cast in this round (0 for a choice by consensus)' })
  async votes(@Root() election: HeadElection, @Ctx() ctx: AwardsContext): Promise<number> {
    return (await ballotsOf(ctx, election)).length;
  }

  @FieldResolver(() => [HeadVoteCount], { description: 'Votes per candidate, most first' })
  async tally(@Root() election: HeadElection, @Ctx() ctx: AwardsContext): Promise<HeadVoteCount[]> {
    const ballots = await ballotsOf(ctx, election);
    return tallyOf(
      election.candidates,
      ballots.map((b) => b.candidateId),
    ).map((t) => ({ candidate: provinceRef(t.candidateId), votes: t.votes }));
  }

  @FieldResolver(() => [Province], { description: 'The members that have voted in this round' })
  async voters(@Root() election: HeadElection, @Ctx() ctx: AwardsContext): Promise<Province[]> {
    return (await ballotsOf(ctx, election)).map((b) => provinceRef(b.voterProvinceId));
  }

  @FieldResolver(() => Province, { nullable: true, description: "The signed-in member's own vote in this round" })
  async myVote(@Root() election: HeadElection, @Ctx() ctx: AwardsContext): Promise<Province | null> {
    const own = ctx.viewer?.role === 'province' ? ctx.viewer.province : undefined;
    const ballot = (await ballotsOf(ctx, election)).find((b) => b.voterProvinceId === own);
    return ballot ? provinceRef(ballot.candidateId) : null;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The head elected for year + 1' })
  elected(@Root() election: HeadElection): Province | null {
    return election.elected ? provinceRef(election.elected) : null;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The deputy head named at the close' })
  deputy(@Root() election: HeadElection): Province | null {
    return election.deputy ? provinceRef(election.deputy) : null;
  }

  @FieldResolver(() => [Province], { description: 'After a tie or no majority: the candidates of the second round' })
  runoff(@Root() election: HeadElection): Province[] {
    return election.runoff.map(provinceRef);
  }

  @Mutation(() => HeadElection, {
    description:
      "Opens the election of next year's head with candidates who are members of year + 1 (this year's members " +
      "while the Ministry has not set year + 1's); after a tie, opens the second round (the season's head, the " +
      'Ministry or an admin)',
  })
  async openHeadElection(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('candidateIds', () => [ID]) candidateIds: string[],
    @Ctx() ctx: AwardsContext,
  ): Promise<HeadElection> {
    refuseOnNode(ctx, 'openHeadElection');
    const who = requireActor(ctx.viewer, 'openHeadElection');
    const [season, next] = await seasons(ctx, clusterId, year);
    return ctx.db.transaction((tx) => openHeadElection(tx, who, { season, next, candidateIds }));
  }

  @Mutation(() => HeadElection, {
    description: "A member's vote, with its own token; voting again changes it until the round closes",
  })
  async voteHead(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('candidateId', () => ID) candidateId: string,
    @Ctx() ctx: AwardsContext,
  ): Promise<HeadElection> {
    refuseOnNode(ctx, 'voteHead');
    const who = requireActor(ctx.viewer, 'voteHead');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    return ctx.db.transaction((tx) => voteHead(tx, who, { season, candidateId }));
  }

  @Mutation(() => HeadElection, {
    description:
      'Closes the open round: more than half of the votes cast elects; a tie (or no majority) is reported and needs ' +
      "a second round. deputyHeadId names next year's deputy when a head is elected",
  })
  async closeHeadElection(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: AwardsContext,
    @Arg('deputyHeadId', () => ID, { nullable: true }) deputyHeadId?: string | null,
  ): Promise<HeadElection> {
    refuseOnNode(ctx, 'closeHeadElection');
    const who = requireActor(ctx.viewer, 'closeHeadElection');
    const [season, next] = await seasons(ctx, clusterId, year);
    return ctx.db.transaction((tx) => closeHeadElection(tx, who, { season, next, deputyHeadId: deputyHeadId ?? null }));
  }

  @Mutation(() => HeadElection, {
    description: "Records next year's head chosen by acclaim at the review meeting (suy tôn), with the minutes",
  })
  async electHeadByConsensus(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('headId', () => ID) headId: string,
    @Arg('minutes') minutes: string,
    @Ctx() ctx: AwardsContext,
    @Arg('deputyHeadId', () => ID, { nullable: true }) deputyHeadId?: string | null,
  ): Promise<HeadElection> {
    refuseOnNode(ctx, 'electHeadByConsensus');
    const who = requireActor(ctx.viewer, 'electHeadByConsensus');
    const [season, next] = await seasons(ctx, clusterId, year);
    return ctx.db.transaction((tx) =>
      electHeadByConsensus(tx, who, { season, next, headId, deputyHeadId: deputyHeadId ?? null, minutes }),
    );
  }
}
