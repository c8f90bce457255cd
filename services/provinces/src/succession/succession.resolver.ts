import { checkSlug, refuseOnNode, requireViewer } from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProvincesContext } from '../context.js';
import { ClusterSeason } from '../season/season.entity.js';
import { electionOutcome } from './awards-client.js';
import { confirmNextHead } from './succession.service.js';

@Resolver(() => ClusterSeason)
export class SuccessionResolver {
  @Mutation(() => ClusterSeason, {
    description:
      "Records as head (and deputy) of year + 1 those the review of `year` elected (awards' headElection): by the " +
      'head of `year`, the Ministry or an admin. Creates year + 1 when the Ministry has not set its members yet; ' +
      'returns year + 1',
  })
  async confirmNextHead(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: ProvincesContext,
  ): Promise<ClusterSeason> {
    refuseOnNode(ctx, 'confirmNextHead');
    const who = requireViewer(ctx.viewer);
    checkSlug('clusterId', clusterId);
    checkYear('year', year);
    checkYear('year', year + 1);
    const election = await electionOutcome(ctx.links.awards, clusterId, year, ctx.logger);
    return ctx.db.transaction((tx) => confirmNextHead(tx, who, { clusterId, year, election }));
  }
}
