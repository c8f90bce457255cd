import { checkSlug, refuseOnNode, serviceUnavailable } from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { AssessmentStatus } from '../assessment/assessment.entity.js';
import { DateScalar } from '../common/scalars.js';
import type { AwardsContext } from '../context.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { requireSeason, seasonLookup } from '../nomination/review.js';
import { provinceRef } from '../province/province.type.js';
import { ClusterSeason, seasonRef } from '../season/season.type.js';
import { seasonHistory } from './history.js';
import { SeasonEvent } from './season-event.entity.js';
import { defaultRules, type SeasonYear } from './season-year.entity.js';
import { requireActor } from './year.guard.js';
import { setSeasonRules, signCompact } from './year.service.js';
import { Compact, SeasonRules, SeasonRulesInput, SeasonStatus } from './year.types.js';

/** The member ids federation supplied for a field that requires them. */
export function requiredMembers(season: ClusterSeason, field: string): string[] {
  if (!Array.isArray(season.members)) {
    throw serviceUnavailable(
      'provinces',
      `${field} of ${season.clusterId} ${season.year} needs its members, which did not arrive`,
    );
  }
  return season.members.map((member) => member.id);
}

/** A season's key arguments, checked. */
export function checkSeason(clusterId: string, year: number): void {
  checkSlug('clusterId', clusterId);
  checkYear('year', year);
}

function compactOf(year: SeasonYear | null): Compact | null {
  if (!year?.signedBy) return null;
  return Object.assign(new Compact(), {
    signedOn: year.signedOn,
    place: year.place,
    signatories: year.signatories.map(provinceRef),
    documentId: year.documentId,
    signedBy: year.signedBy,
    signedAt: year.signedAt,
    source: year.source,
  });
}

@Resolver(() => ClusterSeason)
export class YearResolver {
  @Directive('@requires(fields: "members { id }")')
  @FieldResolver(() => SeasonStatus, {
    nullable: true,
    description: 'Where the year stands: PLANNING until the compact is signed … LOCKED after lockSeason',
  })
  async status(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<SeasonStatus> {
    const key = { clusterId: season.clusterId, year: season.year };
    if (await ctx.loaders.year.result(key)) return SeasonStatus.LOCKED;
    if (!(await ctx.loaders.year.seasonYear(key))?.signedBy) return SeasonStatus.PLANNING;
    const members = requiredMembers(season, 'status');
    const assessments = await ctx.loaders.year.assessments.load(key);
    const appraised = new Set(
      assessments.filter((a) => a.status === AssessmentStatus.APPRAISED).map((a) => a.provinceId),
    );
    if (members.length > 0 && members.every((id) => appraised.has(id))) return SeasonStatus.REVIEW;
    if (assessments.some((a) => a.submittedAt !== null)) return SeasonStatus.ASSESSMENT;
    return SeasonStatus.OPEN;
  }

  @FieldResolver(() => SeasonRules, { nullable: true, description: "The season's rules (defaults until set)" })
  async rules(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<SeasonRules> {
    const key = { clusterId: season.clusterId, year: season.year };
    const [year, fixedSince] = await Promise.all([
      ctx.loaders.year.seasonYear(key),
      ctx.loaders.year.firstVoteOf.load(key),
    ]);
    return {
      minCoverage: year?.minCoverage ?? defaultRules.minCoverage,
      quorum: year?.quorum ?? defaultRules.quorum,
      caps: year?.caps ?? [],
      fixedSince,
    };
  }

  @FieldResolver(() => [SeasonEvent], {
    nullable: true,
    description: 'Every step of the year with who and when, in order',
  })
  history(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<SeasonEvent[]> {
    return seasonHistory(ctx, season.clusterId, season.year);
  }

  @FieldResolver(() => Compact, { nullable: true, description: 'The compact, once signed' })
  async compact(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<Compact | null> {
    return compactOf(await ctx.loaders.year.seasonYear({ clusterId: season.clusterId, year: season.year }));
  }

  @Mutation(() => ClusterSeason, {
    description:
      "Sets the season's minimum ICT coverage, quorum and caps per form (its head, the Ministry or an admin); " +
      'quorum and caps are fixed once the review’s first vote is cast',
  })
  async setSeasonRules(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('rules', () => SeasonRulesInput) rules: SeasonRulesInput,
    @Ctx() ctx: AwardsContext,
  ): Promise<ClusterSeason> {
    refuseOnNode(ctx, 'setSeasonRules');
    const who = requireActor(ctx.viewer, 'setSeasonRules');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    await ctx.db.transaction((tx) => setSeasonRules(tx, who, { season, ...rules }));
    return seasonRef(clusterId, year);
  }

  @Mutation(() => ClusterSeason, {
    description:
      'Records the signing of the compact (its head, the Ministry or an admin); the sheet must be defined. ' +
      'documentId: the signed compact uploaded with POST /files',
  })
  async signCompact(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('signedOn', () => DateScalar) signedOn: Date | string,
    @Ctx() ctx: AwardsContext,
    @Arg('place', () => String, { nullable: true }) place?: string | null,
    @Arg('documentId', () => ID, { nullable: true }) documentId?: string | null,
  ): Promise<ClusterSeason> {
    refuseOnNode(ctx, 'signCompact');
    const who = requireActor(ctx.viewer, 'signCompact');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    // The Date scalar hands over a Date at midnight UTC; the compact keeps the calendar date.
    const day = signedOn instanceof Date ? signedOn.toISOString().slice(0, 10) : signedOn;
    await ctx.db.transaction((tx) => signCompact(tx, who, { season, signedOn: day, place, documentId }));
    return seasonRef(clusterId, year);
  }
}

@Resolver(() => Compact)
export class CompactResolver {
  @FieldResolver(() => EvidenceFile, { nullable: true, description: 'The signed compact, when uploaded' })
  async document(@Root() compact: Compact, @Ctx() ctx: AwardsContext): Promise<EvidenceFile | null> {
    return compact.documentId ? ctx.loaders.year.fileById.load(compact.documentId) : null;
  }
}
