import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Province } from '../province/province.type.js';

/** One member's place in its season's combined table of ICT results and commendations. */
@ObjectType({ description: "One member's place in the season's combined table of ICT results and commendations" })
export class Standing {
  @Field(() => Int, { description: 'Competition rank by total (1, 2, 2, 4); equal totals as shown share a rank' })
  rank!: number;

  @Field(() => Province)
  province!: Province;

  @Field(() => Float, { nullable: true, description: 'Its "ict" index score 0–100; null: no ICT data that year' })
  ictScore!: number | null;

  @Field(() => Float, { description: "Its commendation points, min–max normalised over the season's members to 0–100" })
  awardScore!: number;

  @Field(() => Float, { description: 'Its commendation points that year, at the catalogue’s current points' })
  points!: number;

  @Field(() => Float, { description: 'ictWeight × ictScore (0 when none) + awardWeight × awardScore' })
  total!: number;
}
