import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'An indicator of an index and its weight' })
export class IndexComponentInput {
  @Field(() => ID, { description: 'Indicator code' })
  indicator!: string;

  @Field(() => Float, { description: 'Relative weight, > 0' })
  weight!: number;
}
