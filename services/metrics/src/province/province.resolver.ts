import { badInput, ErrorCode } from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, ID, Info, Int, Resolver, Root } from 'type-graphql';
import type { MetricsContext } from '../context.js';
import { Observation } from '../observation/observation.entity.js';
import { observationNeeds, observationsOfProvince } from '../observation/observation.query.js';
import { Province, type ProvinceRef } from './province.type.js';

/** Adds to the provinces subgraph's Province its observations. */
@Resolver(() => Province)
export class ProvinceObservationsResolver {
  @Directive('@requires(fields: "predecessors { id }")')
  @FieldResolver(() => [Observation], {
    nullable: true,
    description:
      'Its observations, by year then indicator. A merged unit asked about a year before it existed gets values ' +
      'derived from its predecessors (Σ numerators / Σ denominators, where every predecessor reported both): ' +
      'marked derived, revision 0',
  })
  async observations(
    @Root() province: ProvinceRef,
    @Ctx() ctx: MetricsContext,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('indicator', () => ID, { nullable: true }) indicator?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Observation[]> {
    if (year != null) checkYear('year', year);
    if (indicator != null && !(await ctx.loaders.indicatorByCode.load(indicator))) {
      throw badInput('indicator', indicator, 'is not a known indicator');
    }
    if (!Array.isArray(province.predecessors)) {
      throw new GraphQLError(
        `The predecessors of ${province.id} did not arrive from the provinces subgraph; its observations cannot be ` +
          'computed now',
        { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } },
      );
    }
    return observationsOfProvince(
      ctx.loaders,
      province.id,
      province.predecessors.map((p) => p.id),
      year ?? null,
      indicator ?? null,
      observationNeeds(info),
    );
  }
}
