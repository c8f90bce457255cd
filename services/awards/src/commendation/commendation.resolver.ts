import { requireViewer } from '@thidua/kit';
import { writeScope } from '@thidua/kit/exchange';
import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { Province, provinceRef } from '../province/province.type.js';
import { Commendation } from './commendation.entity.js';
import { CommendationCorrectionInput, CommendationInput } from './commendation.input.js';
import { correctCommendation, isUuid, recordCommendation } from './commendation.service.js';
import { defaultIssuer } from './issuer.js';
import { CommendationRevision } from './commendation-revision.entity.js';

@Resolver(() => Commendation)
export class CommendationResolver {
  @Query(() => Commendation, { nullable: true, description: 'One commendation by id' })
  async commendation(@Arg('id', () => ID) id: string, @Ctx() ctx: AwardsContext): Promise<Commendation | null> {
    if (!isUuid(id)) return null;
    return ctx.db.getRepository(Commendation).findOneBy({ id });
  }

  @FieldResolver(() => Province)
  province(@Root() commendation: Commendation): Province {
    return provinceRef(commendation.provinceId);
  }

  @FieldResolver(() => String, {
    description:
      'The authority on the decision: as recorded, or by form and year (a 2019 Ministry certificate "Bộ Thông tin và Truyền thông", a 2026 one "Bộ Khoa học và Công nghệ")',
  })
  issuer(@Root() commendation: Commendation): string {
    return commendation.issuer ?? defaultIssuer(commendation.form, commendation.provinceId, commendation.year);
  }

  @FieldResolver(() => Float, { description: 'From the catalogue: the points its form earns now' })
  async points(@Root() commendation: Commendation, @Ctx() ctx: AwardsContext): Promise<number> {
    return (await ctx.loaders.catalogueByForm()).get(commendation.form)!.points;
  }

  @FieldResolver(() => [CommendationRevision], { description: 'Every recorded state, oldest first' })
  history(@Root() commendation: Commendation, @Ctx() ctx: AwardsContext): Promise<CommendationRevision[]> {
    return ctx.loaders.historyOf.load(commendation.id);
  }

  @Mutation(() => Commendation, {
    description:
      "Records a commendation. A province officer records its own department's provincial and department-level " +
      'forms; the Ministry or an admin records any form',
  })
  recordCommendation(
    @Arg('input', () => CommendationInput) input: CommendationInput,
    @Ctx() ctx: AwardsContext,
  ): Promise<Commendation> {
    const scope = writeScope(ctx);
    // A node refuses another province's data before it looks at the token.
    scope.requireProvince(input.provinceId, 'recordCommendation');
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => recordCommendation(em, actor, input, scope));
  }

  @Mutation(() => Commendation, {
    description: 'Corrects a commendation; the previous state stays in its history (same rights as recording)',
  })
  async correctCommendation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CommendationCorrectionInput) input: CommendationCorrectionInput,
    @Ctx() ctx: AwardsContext,
    @Arg('note', () => String, { nullable: true, description: 'Why it is corrected' }) note?: string | null,
  ): Promise<Commendation> {
    const actor = requireViewer(ctx.viewer);
    const corrected = await ctx.db.transaction((em) =>
      correctCommendation(em, actor, { id, input, note }, writeScope(ctx)),
    );
    ctx.loaders.historyOf.clear(corrected.id);
    return corrected;
  }
}
