import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ProvincesContext } from '../context.js';
import { Province } from '../province/province.entity.js';
import { ClusterSeason } from '../season/season.entity.js';
import { Fact } from './fact.type.js';

/* Facts are reference data held in memory (`ctx.reference.facts`): no table, no query per parent. */

@Resolver(() => Province)
export class ProvinceFactResolver {
  @FieldResolver(() => [Fact], {
    nullable: true,
    description: 'What published reports state about it and its department, oldest first; `year` keeps that year only',
  })
  facts(
    @Root() province: Province,
    @Ctx() ctx: ProvincesContext,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ): Fact[] {
    return ctx.reference.facts.ofProvince(province.id, year);
  }
}

@Resolver(() => ClusterSeason)
export class SeasonFactResolver {
  @FieldResolver(() => [Fact], {
    nullable: true,
    description: 'What the season review states about the cluster as a whole (inspections, shared systems, decisions)',
  })
  facts(@Root() season: ClusterSeason, @Ctx() ctx: ProvincesContext): Fact[] {
    return ctx.reference.facts.ofSeason(season.clusterId, season.year);
  }
}
