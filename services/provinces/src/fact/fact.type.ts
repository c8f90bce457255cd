import { type FactKindName, type FactRecord } from '@thidua/kit/reference';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

/** How a published value is stated. */
export enum FactKind {
  EXACT = 'EXACT',
  APPROXIMATE = 'APPROXIMATE',
  AT_LEAST = 'AT_LEAST',
  RANGE = 'RANGE',
  RANK_AT_MOST = 'RANK_AT_MOST',
  TEXT = 'TEXT',
}
registerEnumType(FactKind, {
  name: 'FactKind',
  description:
    'How a report states a value: a figure (EXACT), "gần" (APPROXIMATE), "trên" (AT_LEAST, lower is the bound), a range (RANGE, lower to upper), "trong top N" (RANK_AT_MOST, upper is N), or words (TEXT)',
});

// Compile-time check that the enum matches the kit's kinds.
export const factKindCheck: Record<FactKindName, FactKind> = FactKind;

/** A published statement, kept as stated. */
@ObjectType({ description: 'A published statement, kept as stated, with its source' })
export class Fact implements FactRecord {
  @Field({ description: 'What the report speaks of, in Vietnamese' })
  what!: string;

  @Field({ description: 'The value as stated: "46", "15–20%", "trên 2.500", "gần 100%", "trong top 10"' })
  value!: string;

  @Field(() => FactKind)
  kind!: FactKindName;

  @Field(() => Float, { nullable: true, description: 'The number stated; for a range or bound, its low end' })
  lower!: number | null;

  @Field(() => Float, { nullable: true, description: 'The high end of a range, or N of "trong top N"' })
  upper!: number | null;

  @Field(() => Int, { nullable: true, description: 'The year the statement is about' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Publisher and date, as the report gives them' })
  source!: string | null;
}
