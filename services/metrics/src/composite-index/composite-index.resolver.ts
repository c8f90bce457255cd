import { refuseOnNode, requireViewer } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MetricsContext } from '../context.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { IndexDefinition } from './composite-index.entity.js';
import { IndexComponentInput } from './composite-index.input.js';
import { defineIndex } from './composite-index.service.js';
import { IndexComponent } from './index-component.entity.js';

@Resolver(() => IndexDefinition)
export class IndexResolver {
  @Query(() => [IndexDefinition], { description: 'The composite indices, by id' })
  indices(@Ctx() ctx: MetricsContext): Promise<IndexDefinition[]> {
    return ctx.db.getRepository(IndexDefinition).find({ order: { id: 'ASC' } });
  }

  @Query(() => IndexDefinition, { nullable: true })
  index(@Arg('id', () => ID) id: string, @Ctx() ctx: MetricsContext): Promise<IndexDefinition | null> {
    return ctx.loaders.indexById.load(id);
  }

  @FieldResolver(() => [IndexComponent], { description: 'Its indicators, heaviest first' })
  components(@Root() index: IndexDefinition, @Ctx() ctx: MetricsContext): Promise<IndexComponent[]> {
    return ctx.loaders.componentsOfIndex.load(index.id);
  }

  @Mutation(() => IndexDefinition, {
    description: 'Creates or replaces an index and its weighted components (admin or ministry)',
  })
  defineIndex(
    @Arg('id', () => ID) id: string,
    @Arg('name') name: string,
    @Arg('components', () => [IndexComponentInput]) components: IndexComponentInput[],
    @Ctx() ctx: MetricsContext,
  ): Promise<IndexDefinition> {
    refuseOnNode(ctx, 'defineIndex');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => defineIndex(em, actor, { id, name, components }));
  }
}

@Resolver(() => IndexComponent)
export class IndexComponentResolver {
  @FieldResolver(() => Indicator)
  async indicator(@Root() component: IndexComponent, @Ctx() ctx: MetricsContext): Promise<Indicator> {
    return (await ctx.loaders.indicatorByCode.load(component.indicatorCode))!;
  }
}
