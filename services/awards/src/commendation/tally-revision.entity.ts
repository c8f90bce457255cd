import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CommendationForm, RecipientKind } from '../catalogue/catalogue.entity.js';
import { DateTimeScalar } from '../common/scalars.js';

/** A tally as it stood after one change: a corrected count keeps the one it replaced. */
@ObjectType({ description: 'A tally as it stood after one change, with who made it and when' })
@Entity({ name: 'commendation_tally_revision' })
export class TallyRevision {
  @PrimaryColumn({ name: 'tally_id', type: 'uuid' })
  tallyId!: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Field({ description: '"seed", "record" or "correct"' })
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @Field(() => CommendationForm)
  @Column({ type: 'text' })
  form!: CommendationForm;

  @Field(() => RecipientKind)
  @Column({ name: 'recipient_kind', type: 'text' })
  recipientKind!: RecipientKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  count!: number;

  @Field(() => Int)
  @Column({ name: 'period_from', type: 'int' })
  periodFrom!: number;

  @Field(() => Int)
  @Column({ name: 'period_to', type: 'int' })
  periodTo!: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Field()
  @Column({ type: 'text' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Why it was changed' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field({ description: 'The token subject that made the change' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  at!: Date;
}
