import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CommendationForm, RecipientKind } from '../catalogue/catalogue.entity.js';

/** A count of awards a report gives without names, to record or to correct by its key. */
@InputType({
  description:
    'Awards a report gives only as a count. One province, form, kind of recipient and period is one tally: ' +
    'importing it again with another count corrects it',
})
export class TallyInput {
  @Field(() => ID)
  provinceId!: string;

  @Field(() => CommendationForm)
  form!: CommendationForm;

  @Field(() => RecipientKind)
  recipientKind!: RecipientKind;

  @Field(() => Int, { description: 'How many awards, ≥ 1' })
  count!: number;

  @Field(() => Int, { description: 'First year of the period (the year itself for one year)' })
  periodFrom!: number;

  @Field(() => Int, { description: 'Last year of the period' })
  periodTo!: number;

  @Field(() => String, { nullable: true })
  citation?: string | null;

  @Field({ description: 'The report that gives the count' })
  source!: string;
}

@ObjectType({ description: 'What an import did, or would do (dryRun), with one list' })
export class ImportCount {
  @Field(() => Int)
  rows!: number;

  @Field(() => Int, { description: 'Recorded or corrected (each with a new revision)' })
  stored!: number;

  @Field(() => Int, { description: 'Rows identical to a record already kept' })
  unchanged!: number;
}

@ObjectType({ description: 'Why one row of an import was refused' })
export class AwardRowError {
  @Field({ description: '"commendations" or "tallies"' })
  list!: string;

  @Field(() => Int, { description: 'Position in that list, from 0' })
  row!: number;

  @Field()
  field!: string;

  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field()
  message!: string;

  @Field({ description: 'BAD_USER_INPUT, or FORBIDDEN for a record the caller may not write' })
  code!: string;
}

@ObjectType({ description: 'What importCommendations stored, or would store, and every row it refused' })
export class CommendationImportResult {
  @Field(() => ImportCount)
  commendations!: ImportCount;

  @Field(() => ImportCount)
  tallies!: ImportCount;

  @Field()
  dryRun!: boolean;

  @Field(() => Int, { description: 'Refused rows; nothing is stored when it is not 0' })
  errorCount!: number;

  @Field(() => [AwardRowError])
  errors!: AwardRowError[];
}
