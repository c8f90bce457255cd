import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Key-only stub of the metrics subgraph's Indicator: a criterion scored from figures names one. */
@Directive('@key(fields: "code")')
@ObjectType()
export class Indicator {
  @Field(() => ID)
  code!: string;
}

export function indicatorRef(code: string): Indicator {
  return Object.assign(new Indicator(), { code });
}
