import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Province, type ProvinceRef } from '../province/province.type.js';

/** One province's place in an indicator ranking. */
@ObjectType({ description: "One province's value, rank and normalised score for an indicator" })
export class IndicatorRank {
  @Field(() => Province)
  province!: ProvinceRef;

  @Field(() => Float, { nullable: true, description: 'null: not reported' })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: 'Competition rank (1, 2, 2, 4), best first; null: not reported' })
  rank!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Normalised 0–100 by the pinned method (docs/ranking.md); null: not reported',
  })
  score!: number | null;

  @Field({
    description: "True when the value is a merged unit's, derived from its predecessors' numerators and denominators",
  })
  derived!: boolean;
}

/** One province's composite score in an index ranking. */
@ObjectType({ description: "One province's composite index score and rank" })
export class IndexScore {
  @Field(() => Province)
  province!: ProvinceRef;

  @Field(() => Float, { description: 'Composite 0–100: Σ(weight × score) / Σ(weight) over the components reported' })
  score!: number;

  @Field(() => Int, {
    description: 'Competition rank (1, 2, 2, 4), best first; provinces below the minimum coverage after all others',
  })
  rank!: number;

  @Field(() => Float, { description: 'Reported weight / total weight, 0–1' })
  coverage!: number;

  @Field({
    description: 'Coverage below the minimum asked (default 0.6): it ranks after every province at or above it',
  })
  belowMinCoverage!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it ranks where it does, when the coverage rule moved it' })
  note!: string | null;
}
