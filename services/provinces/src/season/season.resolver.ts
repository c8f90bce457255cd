import { refuseOnNode, requireViewer, selectedFields } from '@thidua/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Cluster } from '../cluster/cluster.entity.js';
import type { ProvincesContext } from '../context.js';
import { Province } from '../province/province.entity.js';
import { ClusterSeason } from './season.entity.js';
import { SeasonRevision } from './season-revision.entity.js';
import { electHead, setSeasonMembers } from './season.service.js';

const nameFields = new Set(['id', 'name', '__typename']);

/** Whether the field being resolved asks of its provinces only their id and name. */
function asksOnlyNames(info: GraphQLResolveInfo): boolean {
  return [...selectedFields(info)].every((field) => nameFields.has(field));
}

/** The members of a season, read as the field being resolved asks them (see `membersOfSeason`). */
async function membersOf(ctx: ProvincesContext, { clusterId, year }: ClusterSeason, info: GraphQLResolveInfo) {
  return ctx.loaders.membersOfSeason.load({ clusterId, year, namesOnly: asksOnlyNames(info) });
}

/**
 * A season's head or deputy: found among its members, which the same tick
 * loads in the one statement `members` costs (asked together, they cost one
 * statement, not two); a province outside them by id.
 */
async function memberOrProvince(
  ctx: ProvincesContext,
  season: ClusterSeason,
  id: string,
  info: GraphQLResolveInfo,
): Promise<Province | null> {
  const member = (await membersOf(ctx, season, info)).find((m) => m.province.id === id);
  return member ? member.province : ctx.loaders.provinceById.load(id);
}

@Resolver(() => ClusterSeason)
export class SeasonResolver {
  @FieldResolver(() => Cluster)
  async cluster(@Root() season: ClusterSeason, @Ctx() ctx: ProvincesContext): Promise<Cluster> {
    return (await ctx.loaders.clusterById.load(season.clusterId))!;
  }

  @FieldResolver(() => [Province], { description: 'Member provinces, by Vietnamese name' })
  async members(
    @Root() season: ClusterSeason,
    @Ctx() ctx: ProvincesContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Province[]> {
    return (await membersOf(ctx, season, info)).map((member) => member.province);
  }

  @FieldResolver(() => Province, { nullable: true, description: 'Cụm trưởng' })
  head(
    @Root() season: ClusterSeason,
    @Ctx() ctx: ProvincesContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Province | null> | null {
    return season.headId ? memberOrProvince(ctx, season, season.headId, info) : null;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'Cụm phó' })
  deputyHead(
    @Root() season: ClusterSeason,
    @Ctx() ctx: ProvincesContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Province | null> | null {
    return season.deputyHeadId ? memberOrProvince(ctx, season, season.deputyHeadId, info) : null;
  }

  @FieldResolver(() => [SeasonRevision], { description: 'Every recorded state of the season, oldest first' })
  revisions(@Root() season: ClusterSeason, @Ctx() ctx: ProvincesContext): Promise<SeasonRevision[]> {
    return ctx.loaders.revisionsOfSeason.load(season);
  }

  @Mutation(() => ClusterSeason, {
    description: "Sets a season's members, creating the season if needed (admin or ministry)",
  })
  setSeasonMembers(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('provinceIds', () => [ID]) provinceIds: string[],
    @Ctx() ctx: ProvincesContext,
  ): Promise<ClusterSeason> {
    refuseOnNode(ctx, 'setSeasonMembers');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => setSeasonMembers(em, actor, { clusterId, year, provinceIds }));
  }

  @Mutation(() => ClusterSeason, {
    description: "Elects a season's head and deputy (the previous season's head, ministry or admin)",
  })
  electHead(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('headId', () => ID) headId: string,
    @Ctx() ctx: ProvincesContext,
    @Arg('deputyHeadId', () => ID, { nullable: true }) deputyHeadId?: string | null,
  ): Promise<ClusterSeason> {
    refuseOnNode(ctx, 'electHead');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) =>
      electHead(em, actor, { clusterId, year, headId, deputyHeadId: deputyHeadId ?? null }),
    );
  }
}
