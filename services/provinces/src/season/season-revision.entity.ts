import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** A snapshot of a season after one change: nothing is overwritten without a trace. */
@ObjectType({ description: 'A season as it stood after one change, with who made it and when' })
@Entity({ name: 'season_revision' })
export class SeasonRevision {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Int, { description: '1 for the first record, +1 for every change' })
  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Field({ description: 'What changed: "members", "head" or "seed"' })
  @Column({ type: 'text' })
  action!: string;

  @Field(() => [ID])
  @Column({ name: 'member_ids', type: 'text', array: true })
  memberIds!: string[];

  @Field(() => ID, { nullable: true })
  @Column({ name: 'head_id', type: 'text', nullable: true })
  headId!: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'deputy_head_id', type: 'text', nullable: true })
  deputyHeadId!: string | null;

  @Field({ description: 'The token subject that made the change' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
