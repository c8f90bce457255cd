import { Field, Float, ID, InputType, Int } from 'type-graphql';

/** One row of a `recordObservations` batch. */
@InputType({ description: 'One value to record; ratios should carry numerator and denominator' })
export class ObservationInput {
  @Field(() => ID)
  provinceId!: string;

  @Field(() => ID, { description: 'Indicator code' })
  indicator!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Float)
  value!: number;

  @Field(() => Float, { nullable: true })
  numerator?: number | null;

  @Field(() => Float, { nullable: true })
  denominator?: number | null;

  @Field(() => String, { nullable: true, description: 'Where the figure comes from (a report, its publisher, date)' })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why a recorded value is corrected; kept with the revision the correction makes',
  })
  note?: string | null;
}
