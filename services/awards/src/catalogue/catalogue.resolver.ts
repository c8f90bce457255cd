import { badInput, requireRole, refuseOnNode } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, Float, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { CatalogueEntry, CommendationForm } from './catalogue.entity.js';
import { PointsChange } from './points-change.entity.js';

/** Points above this are surely a typing mistake (the Government flag earns 10 by default). */
const MAX_POINTS = 1000;

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
  async setCommendationPoints(
    @Arg('form', () => CommendationForm) form: CommendationForm,
    @Arg('points', () => Float) points: number,
    @Ctx() ctx: AwardsContext,
  ): Promise<CatalogueEntry> {
    refuseOnNode(ctx, 'setCommendationPoints');
    const who = requireRole(ctx.viewer, ['admin'], 'setCommendationPoints');
    if (!Number.isFinite(points) || points < 0 || points > MAX_POINTS) {
      throw badInput('points', points, `is not a number of points between 0 and ${MAX_POINTS}`);
    }
    return ctx.db.transaction(async (tx) => {
      const repository = tx.getRepository(CatalogueEntry);
      const entry = await repository
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.form = :form', { form })
        .getOneOrFail();
      if (entry.points === points) return entry;
      await tx
        .getRepository(PointsChange)
        .insert({ form, previousPoints: entry.points, points, actor: who.sub, at: new Date() });
      Object.assign(entry, { points, updatedBy: who.sub, updatedAt: new Date() });
      return repository.save(entry);
    });
  }
}
