import { refuseOnNode, requireViewer } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, Float, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { CatalogueEntry, CommendationForm } from './catalogue.entity.js';
import { setCommendationPoints } from './catalogue.service.js';
import { PointsChange } from './points-change.entity.js';

@Resolver(() => CatalogueEntry)
export class CatalogueResolver {
  @Query(() => [CatalogueEntry], { description: 'The forms of commendation, most senior first, with their points' })
  async commendationCatalogue(@Ctx() ctx: AwardsContext): Promise<CatalogueEntry[]> {
    return [...(await ctx.loaders.catalogueByForm()).values()];
  }

  @FieldResolver(() => [PointsChange], { description: 'Every change of its points, oldest first' })
  pointsHistory(@Root() entry: CatalogueEntry, @Ctx() ctx: AwardsContext): Promise<PointsChange[]> {
    return ctx.loaders.pointsHistoryOf.load(entry.form);
  }

  @Mutation(() => CatalogueEntry, {
    description: 'Sets the points a form earns in standings (admin); the previous value is kept in pointsHistory',
  })
  setCommendationPoints(
    @Arg('form', () => CommendationForm) form: CommendationForm,
    @Arg('points', () => Float) points: number,
    @Ctx() ctx: AwardsContext,
  ): Promise<CatalogueEntry> {
    refuseOnNode(ctx, 'setCommendationPoints');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => setCommendationPoints(em, actor, { form, points }));
  }
}
