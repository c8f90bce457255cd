import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { Province, provinceRef } from '../province/province.type.js';
import { CommendationTally } from './tally.entity.js';

@Resolver(() => CommendationTally)
export class TallyResolver {
  @FieldResolver(() => Province)
  province(@Root() tally: CommendationTally): Province {
    return provinceRef(tally.provinceId);
  }

  @FieldResolver(() => Float, { description: 'count × the points its form earns now' })
  async points(@Root() tally: CommendationTally, @Ctx() ctx: AwardsContext): Promise<number> {
    return (await ctx.loaders.catalogueByForm()).get(tally.form)!.points * tally.count;
  }
}
