import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';
import { ValueKind } from './value-kind.js';

/** One recorded state of an observation: nothing is overwritten without a trace. */
@ObjectType({ description: 'An observation as one recording left it, with who recorded it and when' })
@Entity({ name: 'observation_revision' })
export class ObservationRevision {
  @PrimaryColumn({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @PrimaryColumn({ name: 'indicator_code', type: 'text' })
  indicatorCode!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  value!: number;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  numerator!: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  denominator!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => ValueKind)
  @Column({ name: 'value_kind', type: 'text' })
  valueKind!: ValueKind;

  @Field(() => Float, { nullable: true })
  @Column({ name: 'value_upper', type: 'double precision', nullable: true })
  valueUpper!: number | null;

  @Field({ description: 'True when this revision named no source and kept the earlier one' })
  @Column({ name: 'source_kept', type: 'boolean' })
  sourceKept!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was corrected' })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field({ description: 'The token subject that recorded it' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
