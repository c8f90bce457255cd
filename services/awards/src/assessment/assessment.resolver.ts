import { refuseOnNode } from '@thidua/kit';
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
  Resolver,
  Root,
} from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { requireSeason, seasonLookup } from '../nomination/review.js';
import { Province, provinceRef } from '../province/province.type.js';
import { ClusterSeason } from '../season/season.type.js';
import { Criterion } from '../sheet/criterion.entity.js';
import { requireActor } from '../year/year.guard.js';
import { checkSeason, requiredMembers } from '../year/year.resolver.js';
import { AssessmentItem, blankItem } from './assessment-item.entity.js';
import { Assessment, AssessmentStatus, blankAssessment } from './assessment.entity.js';
import { appraiseAssessment, returnAssessment, saveAssessment, submitAssessment } from './assessment.service.js';
import { ruleScoresFor } from './rule-scores.js';
import { rankSheet, totalOf } from './scoring.js';
import { SheetScore } from './sheet-score.type.js';

@InputType({ description: "A member's own score, note and evidence for one criterion" })
export class AssessmentItemInput {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => Float, { nullable: true })
  selfScore?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Files uploaded with POST /files by this member' })
  evidenceIds?: string[] | null;
}

@InputType({ description: "The appraiser's score for one criterion; a note is needed to depart from the rule" })
export class AppraisalItemInput {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => Float)
  appraisedScore!: number;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

/** One member's items of the season: one per criterion, blank where nothing was saved. */
async function itemsOf(ctx: AwardsContext, assessment: Assessment): Promise<AssessmentItem[]> {
  const key = { clusterId: assessment.clusterId, year: assessment.year };
  const [criteria, items] = await Promise.all([ctx.loaders.year.criteria.load(key), ctx.loaders.year.items.load(key)]);
  const own = new Map(items.filter((i) => i.provinceId === assessment.provinceId).map((i) => [i.criterionId, i]));
  return criteria.map(
    (c) => own.get(c.id) ?? blankItem(assessment.clusterId, assessment.year, assessment.provinceId, c.id),
  );
}

/** Every member's assessment (a blank draft for those with none), in the members' order. */
async function assessmentsOf(ctx: AwardsContext, season: ClusterSeason, members: string[]): Promise<Assessment[]> {
  const stored = await ctx.loaders.year.assessments.load({ clusterId: season.clusterId, year: season.year });
  const byProvince = new Map(stored.map((a) => [a.provinceId, a]));
  return members.map((id) => byProvince.get(id) ?? blankAssessment(season.clusterId, season.year, id));
}

@Resolver(() => ClusterSeason)
export class SeasonAssessmentsResolver {
  @Directive('@requires(fields: "members { id }")')
  @FieldResolver(() => [Assessment], { nullable: true, description: 'One per member, once the sheet is defined' })
  async assessments(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<Assessment[] | null> {
    const members = requiredMembers(season, 'assessments');
    const criteria = await ctx.loaders.year.criteria.load({ clusterId: season.clusterId, year: season.year });
    return criteria.length === 0 ? null : assessmentsOf(ctx, season, members);
  }

  @Directive('@requires(fields: "members { id }")')
  @FieldResolver(() => Assessment, { nullable: true, description: "A member's assessment; null for a non-member" })
  async assessment(
    @Root() season: ClusterSeason,
    @Arg('provinceId', () => ID) provinceId: string,
    @Ctx() ctx: AwardsContext,
  ): Promise<Assessment | null> {
    const members = requiredMembers(season, 'assessment');
    if (!members.includes(provinceId)) return null;
    const criteria = await ctx.loaders.year.criteria.load({ clusterId: season.clusterId, year: season.year });
    return criteria.length === 0 ? null : (await assessmentsOf(ctx, season, [provinceId]))[0];
  }

  @Directive('@requires(fields: "members { id }")')
  @FieldResolver(() => [SheetScore], {
    nullable: true,
    description: 'The members by appraised total, best first; ties share a rank; not yet appraised last',
  })
  async sheetRanking(@Root() season: ClusterSeason, @Ctx() ctx: AwardsContext): Promise<SheetScore[] | null> {
    const members = requiredMembers(season, 'sheetRanking');
    const key = { clusterId: season.clusterId, year: season.year };
    if ((await ctx.loaders.year.criteria.load(key)).length === 0) return null;
    const assessments = await assessmentsOf(ctx, season, members);
    const items = await ctx.loaders.year.items.load(key);
    const status = new Map(assessments.map((a) => [a.provinceId, a.status]));
    const totals = members.map((provinceId) => {
      const own = items.filter((i) => i.provinceId === provinceId);
      const appraised = status.get(provinceId) === AssessmentStatus.APPRAISED;
      return {
        provinceId,
        selfTotal: totalOf(own.map((i) => i.selfScore)),
        appraisedTotal: appraised ? totalOf(own.map((i) => i.appraisedScore)) : null,
      };
    });
    return rankSheet(totals).map((row) => ({
      province: provinceRef(row.provinceId),
      selfTotal: row.selfTotal,
      appraisedTotal: row.appraisedTotal,
      rank: row.rank,
      status: status.get(row.provinceId)!,
    }));
  }
}

@Resolver(() => Assessment)
export class AssessmentResolver {
  @FieldResolver(() => Province)
  province(@Root() assessment: Assessment): Province {
    return provinceRef(assessment.provinceId);
  }

  @FieldResolver(() => [AssessmentItem], { description: 'One per criterion, in sheet order' })
  items(@Root() assessment: Assessment, @Ctx() ctx: AwardsContext): Promise<AssessmentItem[]> {
    return itemsOf(ctx, assessment);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'The sum of the self-scores given' })
  async selfTotal(@Root() assessment: Assessment, @Ctx() ctx: AwardsContext): Promise<number | null> {
    return totalOf((await itemsOf(ctx, assessment)).map((i) => i.selfScore));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'The sum of the appraised scores, once APPRAISED' })
  async appraisedTotal(@Root() assessment: Assessment, @Ctx() ctx: AwardsContext): Promise<number | null> {
    if (assessment.status !== AssessmentStatus.APPRAISED) return null;
    return totalOf((await itemsOf(ctx, assessment)).map((i) => i.appraisedScore));
  }

  @Mutation(() => Assessment, {
    description: 'A member saves its own self-assessment (items given replace that criterion’s score, note, evidence)',
  })
  async saveAssessment(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('items', () => [AssessmentItemInput]) items: AssessmentItemInput[],
    @Ctx() ctx: AwardsContext,
  ): Promise<Assessment> {
    refuseOnNode(ctx, 'saveAssessment');
    const who = requireActor(ctx.viewer, 'saveAssessment');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    const rules = await ruleScoresFor(ctx, season, provinceId);
    return ctx.db.transaction((tx) => saveAssessment(tx, who, { season, provinceId, items, rules }));
  }

  @Mutation(() => Assessment, { description: 'A member submits its self-assessment to the head' })
  async submitAssessment(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('provinceId', () => ID) provinceId: string,
    @Ctx() ctx: AwardsContext,
  ): Promise<Assessment> {
    refuseOnNode(ctx, 'submitAssessment');
    const who = requireActor(ctx.viewer, 'submitAssessment');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    const rules = await ruleScoresFor(ctx, season, provinceId);
    return ctx.db.transaction((tx) => submitAssessment(tx, who, { season, provinceId, rules }));
  }

  @Mutation(() => Assessment, {
    description: 'The head returns a submitted assessment with a reason, pointing at criteria (criterionIds)',
  })
  async returnAssessment(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: AwardsContext,
    @Arg('criterionIds', () => [ID], { nullable: true }) criterionIds?: string[] | null,
  ): Promise<Assessment> {
    refuseOnNode(ctx, 'returnAssessment');
    const who = requireActor(ctx.viewer, 'returnAssessment');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    return ctx.db.transaction((tx) => returnAssessment(tx, who, { season, provinceId, reason, criterionIds }));
  }

  @Mutation(() => Assessment, {
    description:
      'The head settles the appraised scores (the deputy head for the head’s own); criteria not listed take the ' +
      'rule’s score (indicator-linked) or the member’s own',
  })
  async appraiseAssessment(
    @Arg('clusterId', () => ID) clusterId: string,
    @Arg('year', () => Int) year: number,
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('items', () => [AppraisalItemInput]) items: AppraisalItemInput[],
    @Ctx() ctx: AwardsContext,
  ): Promise<Assessment> {
    refuseOnNode(ctx, 'appraiseAssessment');
    const who = requireActor(ctx.viewer, 'appraiseAssessment');
    checkSeason(clusterId, year);
    const season = await requireSeason(seasonLookup(ctx), clusterId, year);
    const rules = await ruleScoresFor(ctx, season, provinceId);
    return ctx.db.transaction((tx) => appraiseAssessment(tx, who, { season, provinceId, items, rules }));
  }
}

@Resolver(() => AssessmentItem)
export class AssessmentItemResolver {
  @FieldResolver(() => Criterion)
  async criterion(@Root() item: AssessmentItem, @Ctx() ctx: AwardsContext): Promise<Criterion> {
    const criteria = await ctx.loaders.year.criteria.load({ clusterId: item.clusterId, year: item.year });
    return criteria.find((c) => c.id === item.criterionId)!;
  }

  @FieldResolver(() => [EvidenceFile], { description: 'The files attached as evidence (minh chứng)' })
  async evidence(@Root() item: AssessmentItem, @Ctx() ctx: AwardsContext): Promise<EvidenceFile[]> {
    const links = await ctx.loaders.year.evidence.load({ clusterId: item.clusterId, year: item.year });
    const ids = links.filter((l) => l.provinceId === item.provinceId && l.criterionId === item.criterionId);
    const files = await Promise.all(ids.map((l) => ctx.loaders.year.fileById.load(l.fileId)));
    return files.filter((file): file is EvidenceFile => file !== null);
  }
}
