import { refuseOnNode } from '@thidua/kit';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars.js';
import type { AwardsContext } from '../context.js';
import { knownIndicators } from '../metrics-client/figures.js';
import { requireSeason, seasonLookup } from '../nomination/review.js';
import { ClusterSeason } from '../season/season.type.js';
import { weightsOf, type SeasonYear } from '../year/season-year.entity.js';
import { requireActor } from '../year/year.guard.js';
import { checkSeason } from '../year/year.resolver.js';
import { StandingWeights, StandingWeightsInput } from '../year/year.types.js';
import { Criterion, CriterionInput } from './criterion.entity.js';
import { Indicator, indicatorRef } from './indicator.type.js';
import { defineScoringSheet } from './sheet.service.js';

@ObjectType({ description: "The compact's annex: criteria in groups with their maximum points, and the weights" })
export class ScoringSheet {
  clusterId!: string;
  year!: number;

  @Field(() => [Criterion], { description: 'In sheet order' })
  criteria!: Criterion[];

  @Field(() => Float, { description: 'The sum of the maxima' })
  maxTotal!: number;

  @Field(() => StandingWeights, { description: "The season's official standings weights" })
  weights!: StandingWeights;

  @Field(() => [String], { description: 'The groups in sheet order' })
  groups!: string[];

  @Field(() => Int, { description: '1 for the first definition, +1 for each change' })
  revision!: number;

  @Field(() => String, { nullable: true })
  definedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  definedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Where the record comes from when not entered here ("demo: …")' })
  source!: string | null;
}

function sheetOf(year: SeasonYear, criteria: Criterion[]): ScoringSheet {
  return Object.assign(new ScoringSheet(), {
    clusterId: year.clusterId,
    year: year.year,
    criteria,
    maxTotal: Math.round(criteria.reduce((sum, c) => sum + c.maxPoints, 0) * 100) / 100,
    weights: weightsOf(year),
    groups: [...new Set(criteria.map((c) => c.group))],
    revision: year.sheetRevision,
    definedBy: year.sheetDefinedBy,
    definedAt: year.sheetDefinedAt,
    source: year.source,
  });
}

@Resolver(() => ClusterSeason)
export class SheetResolver {
  @FieldResolver(() => ScoringSheet, { nullable: true, description: 'The scoring sheet, once defined' })
  async scoringSheet(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<ScoringSheet | null> {
    const key = { clusterId: season.clusterId, year: season.year };
    const [year, criteria] = await Promise.all([ctx.loaders.year.seasonYear(key), ctx.loaders.year.criteria.load(key)]);
    return year && criteria.length > 0 ? sheetOf(year, criteria) : null;
  }

  @Mutation(() => ScoringSheet, {
    description:
      'Defines the scoring sheet and the standing weights (the head or the Ministry until the first self-assessment ' +
      'is submitted; then the Ministry only, with a reason). Criteria keep their scores by code',
  })
  async defineScoringSheet(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('criteria', () => [CriterionInput]) criteria: CriterionInput[],
    @Ctx() ctx: AwardsContext,
    @Arg('weights', () => StandingWeightsInput, { nullable: true }) weights?: StandingWeightsInput | null,
    @Arg('reason', () => String, { nullable: true, description: 'Why, once members have submitted' })
    reason?: string | null,
  ): Promise<ScoringSheet> {
    refuseOnNode(ctx, 'defineScoringSheet');
    const who = requireActor(ctx.viewer, 'defineScoringSheet');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    const codes = [...new Set(criteria.flatMap((c) => (c.indicator ? [c.indicator] : [])))];
    const known = await knownIndicators(ctx.links.metrics, codes, ctx.logger);
    const saved = await ctx.db.transaction((tx) =>
      defineScoringSheet(tx, who, { season, criteria, weights, reason, knownIndicators: known }),
    );
    const stored = await ctx.db
      .getRepository(Criterion)
      .find({ where: { clusterId, year }, order: { position: 'ASC' } });
    return sheetOf(saved, stored);
  }
}

@Resolver(() => Criterion)
export class CriterionResolver {
  @FieldResolver(() => Indicator, {
    nullable: true,
    description: "Scored from this indicator's figures by the stated rule (see AssessmentItem.ruleScore)",
  })
  indicator(@Root() criterion: Criterion): Indicator | null {
    return criterion.indicatorCode ? indicatorRef(criterion.indicatorCode) : null;
  }
}
