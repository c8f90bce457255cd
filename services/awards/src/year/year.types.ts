import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CommendationForm } from '../catalogue/catalogue.entity.js';
import { DateScalar, DateTimeScalar } from '../common/scalars.js';
import { Province } from '../province/province.type.js';

/** Where a season's year stands. */
export enum SeasonStatus {
  PLANNING = 'PLANNING',
  OPEN = 'OPEN',
  ASSESSMENT = 'ASSESSMENT',
  REVIEW = 'REVIEW',
  LOCKED = 'LOCKED',
}
registerEnumType(SeasonStatus, {
  name: 'SeasonStatus',
  description:
    'PLANNING until the compact is signed; OPEN while members report; ASSESSMENT from the first submitted ' +
    'self-assessment; REVIEW once every member is appraised; LOCKED after lockSeason',
});

/** How the cluster decided: by counted votes, or by consensus recorded in the minutes ("thống nhất"). */
export enum DecisionMode {
  VOTE = 'VOTE',
  CONSENSUS = 'CONSENSUS',
}
registerEnumType(DecisionMode, {
  name: 'DecisionMode',
  description: 'VOTE: counted votes; CONSENSUS: agreed at the meeting ("thống nhất"), recorded in the minutes',
});

@ObjectType({ description: "The season's official standing weights: sheet, ICT index and commendations" })
export class StandingWeights {
  @Field(() => Float, { description: "Weight of the sheet's appraised total, normalised to 0–100" })
  sheet!: number;

  @Field(() => Float)
  ict!: number;

  @Field(() => Float)
  award!: number;
}

@InputType()
export class StandingWeightsInput {
  @Field(() => Float)
  sheet!: number;

  @Field(() => Float)
  ict!: number;

  @Field(() => Float)
  award!: number;
}

@ObjectType({ description: 'At most `max` proposals of `form` may be adopted in the season' })
export class FormCap {
  @Field(() => CommendationForm)
  form!: CommendationForm;

  @Field(() => Int)
  max!: number;
}

@InputType()
export class FormCapInput {
  @Field(() => CommendationForm)
  form!: CommendationForm;

  @Field(() => Int)
  max!: number;
}

@ObjectType({ description: "A season's rules for fair comparison and for its review" })
export class SeasonRules {
  @Field(() => Float, {
    description: 'ICT coverage (0–1) below which a member ranks after every member at or above it (default 0.6)',
  })
  minCoverage!: number;

  @Field(() => Float, {
    description:
      'Share of the members that must vote for a nomination to be adopted: more than quorum × members, or all of ' +
      'them (default 0.5: more than half)',
  })
  quorum!: number;

  @Field(() => [FormCap], { description: 'Caps on adopted proposals per form (none by default)' })
  caps!: FormCap[];

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the first vote of the review was cast: from then on the quorum, caps and threshold are fixed',
  })
  fixedSince!: Date | null;
}

@InputType()
export class SeasonRulesInput {
  @Field(() => Float, { nullable: true })
  minCoverage?: number | null;

  @Field(() => Float, { nullable: true })
  quorum?: number | null;

  @Field(() => [FormCapInput], { nullable: true })
  caps?: FormCapInput[] | null;
}

@ObjectType({ description: 'The emulation compact (giao ước thi đua) the members signed; its annex is the sheet' })
export class Compact {
  @Field(() => DateScalar, { nullable: true })
  signedOn!: string | null;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => [Province], { description: 'The members when it was signed' })
  signatories!: Province[];

  /** Resolved to an Evidence by the compact resolver. */
  documentId!: string | null;

  @Field(() => String, { nullable: true, description: 'Who recorded the signing' })
  signedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  signedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Where the record comes from when not entered here ("demo: …")' })
  source!: string | null;
}
