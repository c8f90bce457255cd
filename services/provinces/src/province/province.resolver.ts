import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Cluster } from '../cluster/cluster.entity.js';
import { DateScalar, Region } from '../common/scalars.js';
import { isoDay, todayInVietnam } from '../common/dates.js';
import type { ProvincesContext } from '../context.js';
import { Province } from './province.entity.js';
import { provincesOn } from './province.loaders.js';

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => [Province], {
    description: 'The units that existed on `asOf` (default: today in Vietnam), optionally in one region',
  })
  async provinces(
    @Ctx() ctx: ProvincesContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: Date | null,
    @Arg('region', () => Region, { nullable: true }) region?: Region | null,
  ): Promise<Province[]> {
    const rows = await provincesOn(ctx.db, asOf ? isoDay(asOf) : todayInVietnam(), region ?? null);
    for (const row of rows) ctx.loaders.provinceById.prime(row.id, row);
    return rows;
  }

  @Query(() => Province, { nullable: true })
  province(@Arg('id', () => ID) id: string, @Ctx() ctx: ProvincesContext): Promise<Province | null> {
    return ctx.loaders.provinceById.load(id);
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The unit it was merged into' })
  successor(@Root() province: Province, @Ctx() ctx: ProvincesContext): Promise<Province | null> | null {
    return province.successorId ? ctx.loaders.provinceById.load(province.successorId) : null;
  }

  @FieldResolver(() => [Province], { description: 'The units merged into it (empty when it did not change)' })
  predecessors(@Root() province: Province, @Ctx() ctx: ProvincesContext): Promise<Province[]> {
    return ctx.loaders.predecessorsOf.load(province.id);
  }

  @FieldResolver(() => Cluster, { nullable: true, description: 'Its emulation cluster that year, if any' })
  async cluster(
    @Root() province: Province,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: ProvincesContext,
  ): Promise<Cluster | null> {
    const membership = await ctx.loaders.membershipOf.load({ provinceId: province.id, year });
    return membership ? ctx.loaders.clusterById.load(membership.clusterId) : null;
  }
}
