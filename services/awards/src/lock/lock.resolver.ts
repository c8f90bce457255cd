import { conflict, refuseOnNode } from '@thidua/kit';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { SheetScore } from '../assessment/sheet-score.type.js';
import { DateTimeScalar } from '../common/scalars.js';
import type { AwardsContext } from '../context.js';
import { seasonFigures } from '../metrics-client/figures.js';
import { Nomination } from '../nomination/nomination.entity.js';
import { requireSeason, seasonLookup } from '../nomination/review.js';
import { Province, provinceRef } from '../province/province.type.js';
import { ClusterSeason, seasonRef } from '../season/season.type.js';
import { Standing } from '../standings/standing.type.js';
import { requireActor, requireHeadOrMinistry } from '../year/year.guard.js';
import { checkSeason } from '../year/year.resolver.js';
import { StandingWeights } from '../year/year.types.js';
import { lockedCells } from './lock.guard.js';
import { lockSeason, missingForLock, reopenSeason } from './lock.service.js';
import { FrozenCommendation, FrozenFigure, FrozenPoints, SeasonResults } from './results.types.js';
import type { SeasonResult } from './season-result.entity.js';

@Directive('@inaccessible')
@InputType({ description: 'A province and a year' })
export class ProvinceYearInput {
  @Field(() => ID)
  provinceId!: string;

  @Field(() => Int)
  year!: number;
}

@Directive('@inaccessible')
@ObjectType({ description: "A (province, year) whose figures and commendations a season's lock freezes" })
export class SeasonLock {
  @Field(() => Province)
  province!: Province;

  @Field(() => Int)
  year!: number;

  @Field(() => ClusterSeason)
  season!: ClusterSeason;

  @Field()
  lockedBy!: string;

  @Field(() => DateTimeScalar)
  lockedAt!: Date;
}

function resultsOf(result: SeasonResult): SeasonResults {
  return Object.assign(new SeasonResults(), {
    clusterId: result.clusterId,
    year: result.year,
    record: result.record,
    lockedAt: result.lockedAt,
    lockedBy: result.lockedBy,
    revision: result.revision,
  });
}

@Resolver(() => ClusterSeason)
export class SeasonResultsResolver {
  @FieldResolver(() => SeasonResults, { nullable: true, description: 'Null until LOCKED: the frozen record' })
  async results(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<SeasonResults | null> {
    const result = await ctx.loaders.year.result({ clusterId: season.clusterId, year: season.year });
    return result ? resultsOf(result) : null;
  }

  @Mutation(() => ClusterSeason, {
    description:
      'Locks the season (its head, the Ministry or an admin): every assessment APPRAISED, every nomination closed ' +
      'or withdrawn, the head election closed with a head; otherwise CONFLICT listing what is missing. The results ' +
      'are frozen with the exact revisions and points they used; later writes are SEASON_LOCKED',
  })
  async lockSeason(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: AwardsContext,
  ): Promise<ClusterSeason> {
    refuseOnNode(ctx, 'lockSeason');
    const who = requireActor(ctx.viewer, 'lockSeason');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    requireHeadOrMinistry(who, season, 'lockSeason');
    // Say what is missing before asking metrics for figures the lock would not use.
    const missing = await missingForLock(ctx.db.manager, season);
    if (missing.length > 0) {
      throw conflict(`${clusterId} ${year} cannot be locked yet: ${missing.join('; ')}`, { missing });
    }
    const { ict, figures } = await seasonFigures(
      ctx.links.metrics,
      { clusterId, year, memberIds: season.memberIds },
      ctx.reference.provinces,
      ctx.logger,
    );
    await ctx.db.transaction((tx) => lockSeason(tx, who, { season, ict, figures }));
    return seasonRef(clusterId, year);
  }

  @Mutation(() => ClusterSeason, {
    description: 'Lifts the lock (the Ministry only), with a reason kept in the history; the lifted record stays',
  })
  async reopenSeason(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('reason') reason: string,
    @Ctx() ctx: AwardsContext,
  ): Promise<ClusterSeason> {
    refuseOnNode(ctx, 'reopenSeason');
    const who = requireActor(ctx.viewer, 'reopenSeason');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    await ctx.db.transaction((tx) => reopenSeason(tx, who, { season, reason }));
    return seasonRef(clusterId, year);
  }

  @Directive('@inaccessible')
  @Query(() => [SeasonLock], {
    description:
      'Which of the given (province, year) pairs belong to a locked season: their figures and commendations are ' +
      'frozen. Metrics asks this before it writes figures (not in the public API: the season’s status says it)',
  })
  async seasonLocks(
    @Arg('cells', () => [ProvinceYearInput]) cells: ProvinceYearInput[],
    @Ctx() ctx: AwardsContext,
  ): Promise<SeasonLock[]> {
    const locked = await lockedCells(ctx.db.manager, cells);
    return locked.map((cell) => ({
      province: provinceRef(cell.provinceId),
      year: cell.year,
      season: seasonRef(cell.clusterId, cell.year),
      lockedBy: cell.lockedBy,
      lockedAt: cell.lockedAt,
    }));
  }
}

@Resolver(() => SeasonResults)
export class ResultsFieldsResolver {
  @FieldResolver(() => [Standing], { description: 'The standings as locked, with the season’s weights then' })
  standings(@Root() results: SeasonResults): Standing[] {
    return results.record.standings.map(({ provinceId, ...row }) => ({ ...row, province: provinceRef(provinceId) }));
  }

  @FieldResolver(() => [SheetScore])
  sheetRanking(@Root() results: SeasonResults): SheetScore[] {
    return results.record.sheetRanking.map(({ provinceId, ...row }) => ({ ...row, province: provinceRef(provinceId) }));
  }

  @FieldResolver(() => [Nomination], { description: 'The proposals adopted (by vote or by consensus)' })
  async adopted(@Root() results: SeasonResults, @Ctx() ctx: AwardsContext): Promise<Nomination[]> {
    const all = await ctx.loaders.nominationsOfSeason.load({ clusterId: results.clusterId, year: results.year });
    return results.record.adoptedIds.flatMap((id) => all.filter((n) => n.id === id));
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The head elected for year + 1' })
  nextHead(@Root() results: SeasonResults): Province | null {
    return results.record.nextHeadId ? provinceRef(results.record.nextHeadId) : null;
  }

  @FieldResolver(() => Province, { nullable: true })
  nextDeputyHead(@Root() results: SeasonResults): Province | null {
    return results.record.nextDeputyHeadId ? provinceRef(results.record.nextDeputyHeadId) : null;
  }

  @FieldResolver(() => StandingWeights)
  weights(@Root() results: SeasonResults): StandingWeights {
    return results.record.weights;
  }

  @FieldResolver(() => Float)
  minCoverage(@Root() results: SeasonResults): number {
    return results.record.minCoverage;
  }

  @FieldResolver(() => [FrozenFigure], { description: 'The observations used, at their revisions' })
  figures(@Root() results: SeasonResults): FrozenFigure[] {
    return results.record.figures.map(({ provinceId, ...f }) => ({ ...f, province: provinceRef(provinceId) }));
  }

  @FieldResolver(() => [FrozenCommendation], {
    description: 'The commendations and tallies counted, at their revisions',
  })
  commendations(@Root() results: SeasonResults): FrozenCommendation[] {
    return results.record.commendations.map(({ provinceId, ...c }) => ({ ...c, province: provinceRef(provinceId) }));
  }

  @FieldResolver(() => [FrozenPoints], { description: 'The catalogue points in force at the lock' })
  cataloguePoints(@Root() results: SeasonResults): FrozenPoints[] {
    return results.record.cataloguePoints;
  }
}
