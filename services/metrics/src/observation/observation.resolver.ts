import { badInput, requireViewer } from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import { writeScope } from '@thidua/kit/exchange';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { provinceRegistry } from '../common/provinces.js';
import type { MetricsContext } from '../context.js';
import { Indicator, IndicatorUnit } from '../indicator/indicator.entity.js';
import { statedValue, ValueKind } from './value-kind.js';
import { Province, type ProvinceRef } from '../province/province.type.js';
import { ObservationRevision } from './observation-revision.entity.js';
import { Observation } from './observation.entity.js';
import { ObservationInput } from './observation.input.js';
import { observationNeeds, observationsOfProvince } from './observation.query.js';
import { recordObservations } from './observation.service.js';
import { figureLocks } from '../season-lock/season-locks.js';

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => [Observation], {
    description:
      'Stored observations filtered by province, indicator and/or year (at least one), by province, year and ' +
      'indicator. With provinceId, a merged unit also gets the values derived from its predecessors for the years ' +
      'before it existed, as on Province.observations (lineage from the national reference list)',
  })
  async observations(
    @Ctx() ctx: MetricsContext,
    @Arg('provinceId', () => ID, { nullable: true }) provinceId?: string | null,
    @Arg('indicator', () => ID, { nullable: true }) indicator?: string | null,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Observation[]> {
    if (provinceId == null && indicator == null && year == null) {
      throw badInput('provinceId', null, 'is needed when neither indicator nor year is given');
    }
    if (year != null) checkYear('year', year);
    if (indicator != null && !(await ctx.loaders.indicatorByCode.load(indicator))) {
      throw badInput('indicator', indicator, 'is not a known indicator');
    }
    if (provinceId != null) {
      const record = provinceRegistry().get(provinceId);
      if (!record) throw badInput('provinceId', provinceId, 'is not a known province');
      return observationsOfProvince(
        ctx.loaders,
        provinceId,
        record.predecessorIds,
        year ?? null,
        indicator ?? null,
        observationNeeds(info),
      );
    }
    return ctx.db.getRepository(Observation).find({
      where: { ...(indicator != null ? { indicatorCode: indicator } : {}), ...(year != null ? { year } : {}) },
      order: { provinceId: 'ASC', year: 'ASC', indicatorCode: 'ASC' },
    });
  }

  @FieldResolver(() => Province)
  province(@Root() observation: Observation): ProvinceRef {
    return { id: observation.provinceId };
  }

  @FieldResolver(() => String, {
    description: 'The figure as stated, in Vietnamese: "78,6%", "≥ 85%", "gần 100%", "15–20%"',
  })
  async stated(@Root() observation: Observation, @Ctx() ctx: MetricsContext): Promise<string> {
    const indicator = await ctx.loaders.indicatorByCode.load(observation.indicatorCode);
    const unit = indicator?.unit === IndicatorUnit.PERCENT ? '%' : '';
    return statedValue(
      observation.valueKind ?? ValueKind.EXACT,
      observation.value,
      observation.valueUpper ?? null,
      unit,
    );
  }

  @FieldResolver(() => Indicator)
  indicator(@Root() observation: Observation, @Ctx() ctx: MetricsContext): Indicator | Promise<Indicator> {
    return (
      observation.loadedIndicator ?? ctx.loaders.indicatorByCode.load(observation.indicatorCode).then((found) => found!)
    );
  }

  @FieldResolver(() => Boolean, {
    description: "True for a merged unit's value computed from its predecessors (never recorded, revision 0)",
  })
  derived(@Root() observation: Observation): boolean {
    return observation.derivedFrom !== undefined;
  }

  @FieldResolver(() => [Province], { nullable: true, description: 'The predecessors a derived value comes from' })
  derivedFrom(@Root() observation: Observation): ProvinceRef[] | null {
    return observation.derivedFrom?.map((id) => ({ id })) ?? null;
  }

  @FieldResolver(() => [ObservationRevision], {
    description: 'Every recorded state, oldest first (revision 1 … current); empty for a derived value',
  })
  async history(@Root() observation: Observation, @Ctx() ctx: MetricsContext): Promise<ObservationRevision[]> {
    if (observation.derivedFrom !== undefined) return [];
    return ctx.loaders.historyOf.load(observation);
  }

  @Mutation(() => [Observation], {
    description:
      'Records a batch atomically: one bad row rejects it all (BAD_USER_INPUT naming row, field and value) and ' +
      'nothing is stored. A province token writes only its own province. A changed value raises revision and ' +
      'keeps the old one in history; recording the same value again changes nothing',
  })
  recordObservations(
    @Arg('input', () => [ObservationInput]) input: ObservationInput[],
    @Ctx() ctx: MetricsContext,
  ): Promise<Observation[]> {
    const actor = requireViewer(ctx.viewer);
    return ctx.db.transaction((em) => recordObservations(em, actor, input, writeScope(ctx), figureLocks(ctx)));
  }
}
