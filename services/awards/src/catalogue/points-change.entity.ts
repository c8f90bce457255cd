import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';
import { CommendationForm } from './catalogue.entity.js';

/** One change of a form's points: the value it replaced is kept. */
@ObjectType({ description: "One change of a form's points, with the value it replaced" })
@Entity({ name: 'catalogue_points_change' })
export class PointsChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Field(() => CommendationForm)
  @Column({ type: 'text' })
  form!: CommendationForm;

  @Field(() => Float)
  @Column({ name: 'previous_points', type: 'double precision' })
  previousPoints!: number;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  points!: number;

  @Field({ description: 'The token subject that made the change' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
