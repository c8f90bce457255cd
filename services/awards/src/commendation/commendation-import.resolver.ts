import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { importCommendations } from './commendation-import.js';
import { CommendationImportResult, TallyInput } from './commendation-import.types.js';
import { CommendationInput } from './commendation.input.js';

@Resolver()
export class CommendationImportResolver {
  @Mutation(() => CommendationImportResult, {
    description:
      'Imports commendations and tallies at once, all or nothing: every refused row is listed and then nothing is ' +
      'stored. Same rights as recordCommendation. A row identical to a kept record is unchanged; one with the same ' +
      'key (province, form, year or period, recipient, decision; for a tally province, form, kind and period) but ' +
      'other details corrects it, keeping history. dryRun checks and counts without storing',
  })
  async importCommendations(
    @Ctx() ctx: AwardsContext,
    @Arg('commendations', () => [CommendationInput], { defaultValue: [] }) commendations: CommendationInput[],
    @Arg('tallies', () => [TallyInput], { defaultValue: [] }) tallies: TallyInput[],
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
  ): Promise<CommendationImportResult> {
    return importCommendations(ctx.db, ctx, await ctx.loaders.catalogueByForm(), { commendations, tallies }, dryRun);
  }
}
