import { Field, Float, ID, InputType } from 'type-graphql';
import { Direction, IndicatorUnit } from './indicator.entity.js';

@InputType({ description: 'An indicator to create, or to redefine by code' })
export class IndicatorInput {
  @Field(() => ID, { description: 'e.g. "nrd.criterion8_communes_pct": lowercase, digits, "_" and "."' })
  code!: string;

  @Field({ description: 'Vietnamese label' })
  name!: string;

  @Field(() => IndicatorUnit)
  unit!: IndicatorUnit;

  @Field(() => Direction)
  direction!: Direction;

  @Field(() => Float, {
    nullable: true,
    description:
      'PERCENT: 100 (may be omitted); SCORE: its maximum, or omitted for an unbounded measure; COUNT: omitted',
  })
  scaleMax?: number | null;

  @Field()
  pillar!: string;
}
