import { Ctx, Query, Resolver } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { CatalogueEntry } from './catalogue.entity.js';

@Resolver(() => CatalogueEntry)
export class CatalogueResolver {
  @Query(() => [CatalogueEntry], { description: 'The forms of commendation with their points' })
  commendationCatalogue(@Ctx() ctx: AwardsContext): Promise<CatalogueEntry[]> {
    return ctx.db.getRepository(CatalogueEntry).find({ order: { points: 'DESC' } });
  }
}
