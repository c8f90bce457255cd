import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Province } from '../province/province.type.js';

/** One member's place in its season's combined table of ICT results, commendations and the sheet. */
@ObjectType({
  description: "One member's place in the season's combined table of ICT results, commendations and its scoring sheet",
})
export class Standing {
  @Field(() => Int, {
    description:
      'Competition rank by total (1, 2, 2, 4); equal totals as shown share a rank. Members below the ' +
      "season's minimum ICT coverage come after all others",
  })
  rank!: number;

  @Field(() => Province)
  province!: Province;

  @Field(() => Float, { nullable: true, description: 'Its "ict" index score 0–100; null: no ICT data that year' })
  ictScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Its ICT data coverage 0–1; null: no ICT data that year' })
  coverage!: number | null;

  @Field(() => Float, { description: "Its commendation points, min–max normalised over the season's members to 0–100" })
  awardScore!: number;

  @Field(() => Float, { description: 'Its commendation points that year, at the catalogue’s points in force' })
  points!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Its appraised sheet total as a share of the sheet's maximum, 0–100; null: not appraised or no sheet",
  })
  sheetScore!: number | null;

  @Field(() => Float, {
    description:
      'ictWeight × ictScore (0 when none) + awardWeight × awardScore + sheetWeight × sheetScore (0 when none)',
  })
  total!: number;

  @Field({ description: "True when its ICT coverage is below the season's minimum: it ranks after the others" })
  belowMinCoverage!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it ranks where it does, when a rule moved it' })
  note!: string | null;
}
