import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** One step of a season's year (signed, saved, submitted, returned, appraised, voted, locked, reopened). */
@ObjectType({ description: "One step of a season's year: what was done, by whom and when" })
@Entity({ name: 'season_event' })
export class SeasonEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'The token subject that did it ("seed" for reference data)' })
  @Column({ type: 'text' })
  actor!: string;

  @Field({ description: 'The mutation that did it, e.g. "submitAssessment", "lockSeason"' })
  @Column({ type: 'text' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'What it concerned: a province, a reason, minutes' })
  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
