import { badInput } from '@thidua/kit';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Commendation } from '../commendation/commendation.entity.js';
import { CommendationTally } from '../commendation/tally.entity.js';
import type { YearRange } from '../commendation/commendation.loaders.js';
import type { AwardsContext } from '../context.js';
import { Province } from './province.type.js';

function range(provinceId: string, fromYear: number | null | undefined, toYear: number | null | undefined): YearRange {
  if (fromYear != null && toYear != null && toYear < fromYear) {
    throw badInput('toYear', toYear, `is before fromYear ${fromYear}`);
  }
  return { provinceId, fromYear: fromYear ?? null, toYear: toYear ?? null };
}

/** Adds to the provinces subgraph's Province its commendations and tallies. */
@Resolver(() => Province)
export class ProvinceCommendationsResolver {
  @FieldResolver(() => [Commendation], {
    nullable: true,
    description:
      'Commendations certainly within fromYear … toYear (either may be left open): one known only by a period ' +
      'is listed when the whole period lies within the range. By year, most senior form first',
  })
  commendations(
    @Root() province: Province,
    @Ctx() ctx: AwardsContext,
    @Arg('fromYear', () => Int, { nullable: true }) fromYear?: number | null,
    @Arg('toYear', () => Int, { nullable: true }) toYear?: number | null,
  ): Promise<Commendation[]> {
    return ctx.loaders.commendationsIn.load(range(province.id, fromYear, toYear));
  }

  @FieldResolver(() => [CommendationTally], {
    nullable: true,
    description:
      'Awards published only as counts, whose period lies within fromYear … toYear (either may be left open)',
  })
  commendationTallies(
    @Root() province: Province,
    @Ctx() ctx: AwardsContext,
    @Arg('fromYear', () => Int, { nullable: true }) fromYear?: number | null,
    @Arg('toYear', () => Int, { nullable: true }) toYear?: number | null,
  ): Promise<CommendationTally[]> {
    return ctx.loaders.talliesIn.load(range(province.id, fromYear, toYear));
  }
}
