import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CommendationForm } from '../catalogue/catalogue.entity.js';
import { DateTimeScalar } from '../common/scalars.js';
import { Province } from '../province/province.type.js';
import type { AssessmentStatus } from '../assessment/assessment.entity.js';

/** A standing row as frozen (province by id). */
export interface FrozenStanding {
  provinceId: string;
  rank: number;
  ictScore: number | null;
  coverage: number | null;
  awardScore: number;
  points: number;
  sheetScore: number | null;
  total: number;
  belowMinCoverage: boolean;
  note: string | null;
}

/** What the lock keeps: the results and every input they were computed from, at full precision. */
export interface FrozenRecord {
  weights: { sheet: number; ict: number; award: number };
  minCoverage: number;
  maxTotal: number;
  standings: FrozenStanding[];
  sheetRanking: {
    provinceId: string;
    selfTotal: number | null;
    appraisedTotal: number | null;
    rank: number | null;
    status: AssessmentStatus;
  }[];
  adoptedIds: string[];
  nextHeadId: string | null;
  nextDeputyHeadId: string | null;
  /** Per member: what standings are computed from, so other weights can be tried on the frozen inputs. */
  inputs: {
    provinceId: string;
    ictScore: number | null;
    coverage: number | null;
    points: number;
    appraisedTotal: number | null;
  }[];
  figures: { provinceId: string; indicator: string; value: number; revision: number; derived: boolean }[];
  commendations: {
    id: string;
    kind: 'commendation' | 'tally';
    provinceId: string;
    form: CommendationForm;
    revision: number | null;
    count: number;
    points: number;
  }[];
  cataloguePoints: { form: CommendationForm; points: number }[];
}

@ObjectType({ description: 'An observation the locked results used, at the revision they used' })
export class FrozenFigure {
  @Field(() => Province)
  province!: Province;

  @Field(() => ID, { description: 'The indicator code' })
  indicator!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => Int, { description: 'The observation revision used (0: derived from predecessors)' })
  revision!: number;

  @Field()
  derived!: boolean;
}

@ObjectType({ description: 'A commendation (or tally) the locked results counted, at its revision and points then' })
export class FrozenCommendation {
  @Field(() => ID)
  id!: string;

  @Field({ description: '"commendation" or "tally"' })
  kind!: string;

  @Field(() => Province)
  province!: Province;

  @Field(() => CommendationForm)
  form!: CommendationForm;

  @Field(() => Int, { nullable: true, description: 'The revision counted; null for a tally' })
  revision!: number | null;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { description: 'Points counted: count × the catalogue points then in force' })
  points!: number;
}

@ObjectType({ description: 'The points a form earned when the season was locked' })
export class FrozenPoints {
  @Field(() => CommendationForm)
  form!: CommendationForm;

  @Field(() => Float)
  points!: number;
}

/** The frozen record of a locked season (`ClusterSeason.results`). */
@ObjectType({ description: 'The results of a locked season: the record, which later changes never move' })
export class SeasonResults {
  /** Key of the season, for the nested resolvers. */
  clusterId!: string;
  year!: number;
  record!: FrozenRecord;

  @Field(() => DateTimeScalar)
  lockedAt!: Date;

  @Field()
  lockedBy!: string;

  @Field(() => Int, { description: '1 for the first lock, +1 after each reopening' })
  revision!: number;
}
