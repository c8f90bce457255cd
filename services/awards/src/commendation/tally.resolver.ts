import DataLoader from 'dataloader';
import { groupBy } from '@thidua/kit';
import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import type { AwardsContext } from '../context.js';
import { Province, provinceRef } from '../province/province.type.js';
import { CommendationTally } from './tally.entity.js';
import { TallyRevision } from './tally-revision.entity.js';

/** One history loader per request: every tally of an answer in one statement. */
const historyLoaders = new WeakMap<AwardsContext, DataLoader<string, TallyRevision[]>>();

function historyLoader(ctx: AwardsContext): DataLoader<string, TallyRevision[]> {
  let loader = historyLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await ctx.db
        .getRepository(TallyRevision)
        .find({ where: { tallyId: In([...ids]) }, order: { revision: 'ASC' } });
      const byTally = groupBy(rows, (row) => row.tallyId);
      return ids.map((id) => byTally.get(id) ?? []);
    });
    historyLoaders.set(ctx, loader);
  }
  return loader;
}

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

  @FieldResolver(() => [TallyRevision], { description: 'Every recorded state, oldest first' })
  async history(@Root() tally: CommendationTally, @Ctx() ctx: AwardsContext): Promise<TallyRevision[]> {
    const rows = await historyLoader(ctx).load(tally.id);
    if (rows.length > 0) return rows;
    // Reference data never changed has no revision row: its state now is its first.
    return [
      Object.assign(new TallyRevision(), tally, {
        tallyId: tally.id,
        action: tally.seedKey ? 'seed' : 'record',
        note: null,
        actor: tally.updatedBy,
        at: tally.updatedAt,
      }),
    ];
  }
}
