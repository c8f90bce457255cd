import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** One year of a cluster: its members, head and deputy head. */
@Directive('@key(fields: "clusterId year")')
@ObjectType({ description: "One year of a cluster's work: members, head, deputy head" })
@Entity({ name: 'cluster_season' })
export class ClusterSeason {
  @Field(() => ID)
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'head_id', type: 'text', nullable: true })
  headId!: string | null;

  @Column({ name: 'deputy_head_id', type: 'text', nullable: true })
  deputyHeadId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the season record comes from (a report, "demo", or null when entered here)',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field({
    description:
      'True when the members are assumed (carried over from an earlier year), not published; membersNote says why',
  })
  @Column({ name: 'members_assumed', type: 'boolean', default: false })
  membersAssumed!: boolean;

  @Field(() => String, { nullable: true, description: 'Where the membership comes from, when it is not published' })
  @Column({ name: 'members_note', type: 'text', nullable: true })
  membersNote!: string | null;

  @Field(() => DateTimeScalar)
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A province's membership of a season; a province is in at most one cluster a year. */
@Entity({ name: 'season_member' })
export class SeasonMember {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ name: 'province_id', type: 'text' })
  provinceId!: string;
}
