import { Field, ID, InputType, Int } from 'type-graphql';
import { CommendationForm, RecipientKind } from '../catalogue/catalogue.entity.js';
import { DateScalar } from '../common/scalars.js';

/** A commendation to record. */
@InputType({ description: 'A commendation to record' })
export class CommendationInput {
  @Field(() => ID)
  provinceId!: string;

  @Field(() => CommendationForm)
  form!: CommendationForm;

  @Field(() => Int, { description: 'The year of the award (with a period: the year to file it under, inside it)' })
  year!: number;

  @Field(() => RecipientKind)
  recipientKind!: RecipientKind;

  @Field()
  recipientName!: string;

  @Field(() => String, { nullable: true })
  decision?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date of the decision: in the year of the award or the next',
  })
  decisionDate?: Date | string | null;

  @Field(() => String, { nullable: true })
  citation?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the record comes from, e.g. a report and its date' })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The authority on the decision when it is not the one the form and year give, e.g. "Bộ Lao động - Thương binh và Xã hội"',
  })
  issuer?: string | null;

  @Field(() => Int, { nullable: true, description: 'With periodTo, when only the period of the award is known' })
  periodFrom?: number | null;

  @Field(() => Int, { nullable: true })
  periodTo?: number | null;
}

/** Fields to change on a recorded commendation; a field left out stays, an explicit null clears it. */
@InputType({ description: 'Fields to change; a field left out stays as it is, an explicit null clears it' })
export class CommendationCorrectionInput {
  @Field(() => ID, { nullable: true })
  provinceId?: string;

  @Field(() => CommendationForm, { nullable: true })
  form?: CommendationForm;

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => RecipientKind, { nullable: true })
  recipientKind?: RecipientKind;

  @Field(() => String, { nullable: true })
  recipientName?: string;

  @Field(() => String, { nullable: true })
  decision?: string | null;

  @Field(() => DateScalar, { nullable: true })
  decisionDate?: Date | string | null;

  @Field(() => String, { nullable: true })
  citation?: string | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An explicit null goes back to the default of the form and year',
  })
  issuer?: string | null;

  @Field(() => Int, { nullable: true, description: 'Set both periodFrom and periodTo to null to make the year exact' })
  periodFrom?: number | null;

  @Field(() => Int, { nullable: true })
  periodTo?: number | null;
}
