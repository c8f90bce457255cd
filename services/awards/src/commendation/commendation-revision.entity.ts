import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CommendationForm, RecipientKind } from '../catalogue/catalogue.entity.js';
import { DateScalar, DateTimeScalar } from '../common/scalars.js';

/** A commendation as it stood after one change: corrections never overwrite without a trace. */
@ObjectType({ description: 'A commendation as it stood after one change, with who made it and when' })
@Entity({ name: 'commendation_revision' })
export class CommendationRevision {
  @PrimaryColumn({ name: 'commendation_id', type: 'uuid' })
  commendationId!: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Field({ description: '"seed", "record" or "correct"' })
  @Column({ type: 'text' })
  action!: string;

  @Field({ description: 'The province id at this revision' })
  @Column({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @Field(() => CommendationForm)
  @Column({ type: 'text' })
  form!: CommendationForm;

  @Field(() => Int)
  @Column({ type: 'int' })
  year!: number;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'period_from', type: 'int', nullable: true })
  periodFrom!: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'period_to', type: 'int', nullable: true })
  periodTo!: number | null;

  @Field(() => RecipientKind)
  @Column({ name: 'recipient_kind', type: 'text' })
  recipientKind!: RecipientKind;

  @Field()
  @Column({ name: 'recipient_name', type: 'text' })
  recipientName!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the decision' })
  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'The issuer as set; null: the default of the form and date' })
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was changed, as the corrector gave it' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field({ description: 'The token subject that made the change' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
