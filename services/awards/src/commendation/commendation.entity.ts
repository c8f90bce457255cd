import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CommendationForm, RecipientKind } from '../catalogue/catalogue.entity.js';
import { DateScalar, DateTimeScalar } from '../common/scalars.js';

/** A commendation conferred on a department, a collective in it, or one of its people. */
@ObjectType({ description: 'A commendation conferred on a department, a collective in it, or one of its people' })
@Entity({ name: 'commendation' })
export class Commendation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @Field(() => CommendationForm)
  @Column({ type: 'text' })
  form!: CommendationForm;

  @Field(() => Int, {
    description: 'The year of the award; when yearApproximate, the last year of the period it is known to fall in',
  })
  @Column({ type: 'int' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'First year of the period, when only the period is published' })
  @Column({ name: 'period_from', type: 'int', nullable: true })
  periodFrom!: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year of the period, when only the period is published' })
  @Column({ name: 'period_to', type: 'int', nullable: true })
  periodTo!: number | null;

  @Field(() => RecipientKind)
  @Column({ name: 'recipient_kind', type: 'text' })
  recipientKind!: RecipientKind;

  @Field({ description: 'The department itself, a unit in it, or a person' })
  @Column({ name: 'recipient_name', type: 'text' })
  recipientName!: string;

  @Field(() => String, { nullable: true, description: 'Decision number, "Quyết định số …"' })
  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the decision' })
  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the record comes from: a published report, "demo: synthetic", or null when entered here',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  /** The authority as recorded, where it is not the default of the form and date (see `issuer`). */
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ name: 'seed_key', type: 'text', nullable: true })
  seedKey!: string | null;

  @Field(() => Int, { description: '1 on first record, +1 on every correction' })
  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Field({ description: 'The token subject that recorded it ("seed" for reference data)' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Field({ description: 'The token subject of the latest change' })
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Field({ description: 'True when the source gives only a period (periodFrom … periodTo), not the year' })
  get yearApproximate(): boolean {
    return this.periodFrom !== null;
  }
}
