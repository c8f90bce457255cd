import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';
import type { Indicator } from '../indicator/indicator.entity.js';
import { ValueKind } from './value-kind.js';

/**
 * The current value of one indicator for one province and year. Stored rows
 * have revision ≥ 1; a merged unit's value for a year before it existed is
 * derived from its predecessors and never stored (revision 0).
 */
@ObjectType({ description: 'The value of an indicator for a province and year' })
@Entity({ name: 'observation' })
export class Observation {
  @PrimaryColumn({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @PrimaryColumn({ name: 'indicator_code', type: 'text' })
  indicatorCode!: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Float, { description: 'As recorded (PERCENT 0–100, SCORE 0–scaleMax, COUNT whole)' })
  @Column({ type: 'double precision' })
  value!: number;

  @Field(() => ValueKind, { description: 'How the figure is stated; value is the number or the low end' })
  @Column({ name: 'value_kind', type: 'text', default: ValueKind.EXACT })
  valueKind!: ValueKind;

  @Field(() => Float, { nullable: true, description: 'The high end of a RANGE' })
  @Column({ name: 'value_upper', type: 'double precision', nullable: true })
  valueUpper!: number | null;

  @Field(() => Float, { nullable: true, description: 'For ratios: e.g. communes meeting the criterion' })
  @Column({ type: 'double precision', nullable: true })
  numerator!: number | null;

  @Field(() => Float, { nullable: true, description: 'For ratios: e.g. all communes' })
  @Column({ type: 'double precision', nullable: true })
  denominator!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Where the figure comes from, e.g. "Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019" or "demo: synthetic"',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field({
    description:
      'True when the last correction named no source and the earlier source was kept: the source speaks for an earlier figure',
  })
  @Column({ name: 'source_kept', type: 'boolean', default: false })
  sourceKept!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the last correction was made, as its author gave it' })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field(() => Int, {
    description:
      '1 on first record, +1 on every correction; 0 for a derived value (computed from predecessors, never recorded)',
  })
  @Column({ type: 'int' })
  revision!: number;

  @Field(() => String, { nullable: true, description: 'Token subject of the last change; null for a derived value' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the last change was made; null for a derived value',
  })
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date | null;

  /** Set on values computed from predecessors; never a column. */
  derivedFrom?: string[];

  /** Its indicator, when the query that found it loaded them for all its rows at once; never a column. */
  loadedIndicator?: Indicator;
}
