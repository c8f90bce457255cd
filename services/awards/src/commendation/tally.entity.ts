import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CommendationForm, RecipientKind } from '../catalogue/catalogue.entity.js';
import { DateTimeScalar } from '../common/scalars.js';

/**
 * Awards a report gives only as a number ("2 collectives, 8 individuals"): kept as
 * counts so no recipient's name is ever made up.
 */
@ObjectType({ description: 'Awards a published report gives only as a count, without recipients\u2019 names' })
@Entity({ name: 'commendation_tally' })
export class CommendationTally {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @Field(() => CommendationForm)
  @Column({ type: 'text' })
  form!: CommendationForm;

  @Field(() => RecipientKind)
  @Column({ name: 'recipient_kind', type: 'text' })
  recipientKind!: RecipientKind;

  @Field(() => Int, { description: 'How many awards of this form went to recipients of this kind' })
  @Column({ type: 'int' })
  count!: number;

  @Field(() => Int)
  @Column({ name: 'period_from', type: 'int' })
  periodFrom!: number;

  @Field(() => Int)
  @Column({ name: 'period_to', type: 'int' })
  periodTo!: number;

  @Field(() => String, { nullable: true, description: 'What the awards were for, as the report gives it' })
  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Field()
  @Column({ type: 'text' })
  source!: string;

  /** Set for reference data; null for a tally recorded through the API. */
  @Column({ name: 'seed_key', type: 'text', nullable: true })
  seedKey!: string | null;

  @Field(() => Int, { description: '1 on first record, +1 on every correction' })
  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Field({ description: 'The token subject of the latest change ("seed" for reference data)' })
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { nullable: true, description: 'The year, when the report gives one (null: only the period)' })
  get year(): number | null {
    return this.periodFrom === this.periodTo ? this.periodFrom : null;
  }
}
