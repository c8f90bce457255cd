import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ValueKind } from './value-kind.js';

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

  @Field(() => ValueKind, { nullable: true, description: 'How the report states it (default EXACT)' })
  valueKind?: ValueKind | null;

  @Field(() => Float, { nullable: true, description: 'The high end, for a RANGE (value is the low end)' })
  valueUpper?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why a recorded figure is corrected; kept in its history. A correction without a source keeps the earlier one and says so (sourceKept)',
  })
  reason?: string | null;
}
