import { refuseOnNode, requireViewer } from '@thidua/kit';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { MetricsContext } from '../context.js';
import { Indicator } from './indicator.entity.js';
import { IndicatorInput } from './indicator.input.js';
import { catalogueChanged } from './indicator-catalogue.js';
import { defineIndicator } from './indicator.service.js';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'The indicator catalogue, by pillar and code' })
  indicators(@Ctx() ctx: MetricsContext): Promise<Indicator[]> {
    return ctx.db.getRepository(Indicator).find({ order: { pillar: 'ASC', code: 'ASC' } });
  }

  @Query(() => Indicator, { nullable: true })
  indicator(@Arg('code', () => ID) code: string, @Ctx() ctx: MetricsContext): Promise<Indicator | null> {
    return ctx.loaders.indicatorByCode.load(code);
  }

  @Mutation(() => Indicator, {
    description:
      'Creates or redefines an indicator by code (admin or ministry). Once values are recorded its unit cannot ' +
      'change and scaleMax cannot drop below a recorded value',
  })
  async defineIndicator(
    @Arg('input', () => IndicatorInput) input: IndicatorInput,
    @Ctx() ctx: MetricsContext,
  ): Promise<Indicator> {
    refuseOnNode(ctx, 'defineIndicator');
    const actor = requireViewer(ctx.viewer);
    const defined = await ctx.db.transaction((em) => defineIndicator(em, actor, input));
    catalogueChanged(ctx.db);
    return defined;
  }
}
