import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum IndicatorUnit {
  PERCENT = 'PERCENT',
  COUNT = 'COUNT',
  SCORE = 'SCORE',
}
registerEnumType(IndicatorUnit, { name: 'IndicatorUnit' });

export enum Direction {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}
registerEnumType(Direction, { name: 'Direction' });

/** An ICT indicator departments report (e.g. share of communes meeting criterion 8). */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'An ICT indicator departments report' })
@Entity({ name: 'indicator' })
export class Indicator {
  @Field(() => ID, { description: 'e.g. "nrd.criterion8_communes_pct"' })
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Field({ description: 'Vietnamese label' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => IndicatorUnit)
  @Column({ type: 'text' })
  unit!: IndicatorUnit;

  @Field(() => Direction)
  @Column({ type: 'text' })
  direction!: Direction;

  @Field(() => Float, { nullable: true, description: 'PERCENT: 100; SCORE: its declared maximum; COUNT: null' })
  @Column({ name: 'scale_max', type: 'double precision', nullable: true })
  scaleMax!: number | null;

  @Field()
  @Column({ type: 'text' })
  pillar!: string;
}
