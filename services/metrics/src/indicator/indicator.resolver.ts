import { Ctx, Query, Resolver } from 'type-graphql';
import type { MetricsContext } from '../context.js';
import { Indicator } from './indicator.entity.js';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'The indicator catalogue, by pillar and code' })
  indicators(@Ctx() ctx: MetricsContext): Promise<Indicator[]> {
    return ctx.db.getRepository(Indicator).find({ order: { pillar: 'ASC', code: 'ASC' } });
  }
}
