import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Indicator } from '../indicator/indicator.entity.js';

/** The mean of one indicator over a season's members, for comparison beside one member's own line. */
@ObjectType({
  description:
    "An indicator's mean over a cluster season's members in the season's year: members without a value, and values " +
    'stated as a range, a lower bound or an approximation, are left out (never counted as 0)',
})
export class IndicatorAverage {
  @Field(() => Indicator)
  indicator!: Indicator;

  @Field(() => Int, { description: "The season's year" })
  year!: number;

  @Field(() => Float, { description: 'The mean of the exact values, rounded to 4 decimals' })
  average!: number;

  @Field(() => Int, { description: 'How many members the mean covers (those with an exact value)' })
  reporting!: number;

  @Field(() => Int, { description: 'How many members the season has' })
  memberCount!: number;

  @Field(() => Int, {
    description: 'How many of the values it covers are synthetic demo values (source "demo: …"); 0: all published',
  })
  synthetic!: number;
}

/** A row of the averages statement, before its indicator is attached. */
export interface IndicatorAverageRow {
  indicatorCode: string;
  average: number;
  reporting: number;
  synthetic: number;
}
