import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CommendationForm } from '../catalogue/catalogue.entity.js';
import { DateTimeScalar } from '../common/scalars.js';
import { DecisionMode } from '../year/year.types.js';

export enum NominationStatus {
  OPEN = 'OPEN',
  ADOPTED = 'ADOPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(NominationStatus, { name: 'NominationStatus' });

/** A cluster's proposal of one member for one form at its annual review. */
@ObjectType({ description: "A cluster's proposal of one member for a form, voted on by the season's members" })
@Entity({ name: 'nomination' })
export class Nomination {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @Field(() => CommendationForm)
  @Column({ type: 'text' })
  form!: CommendationForm;

  @Field(() => NominationStatus)
  @Column({ type: 'text', default: NominationStatus.OPEN })
  status!: NominationStatus;

  @Field(() => Int)
  @Column({ name: 'votes_for', type: 'int', default: 0 })
  votesFor!: number;

  @Field(() => Int)
  @Column({ name: 'votes_against', type: 'int', default: 0 })
  votesAgainst!: number;

  @Field(() => Int, { nullable: true, description: 'Members of the season when it was closed' })
  @Column({ name: 'members_at_close', type: 'int', nullable: true })
  membersAtClose!: number | null;

  @Field(() => Float, { nullable: true, description: 'The adoption threshold (percent of members) it was decided by' })
  @Column({ name: 'threshold_percent', type: 'double precision', nullable: true })
  thresholdPercent!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether reaching the threshold exactly was enough' })
  @Column({ name: 'threshold_inclusive', type: 'boolean', nullable: true })
  thresholdInclusive!: boolean | null;

  @Field(() => String, { nullable: true, description: 'A published report, for reviews recorded from the record' })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field({ description: 'The token subject that nominated ("seed" for reference data)' })
  @Column({ name: 'nominated_by', type: 'text' })
  nominatedBy!: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'nominated_at', type: 'timestamptz', default: () => 'now()' })
  nominatedAt!: Date;

  @Field(() => String, { nullable: true })
  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Field(() => DecisionMode, {
    description: 'VOTE: decided by counted votes; CONSENSUS: adopted by consensus at the meeting ("thống nhất")',
  })
  @Column({ type: 'text', default: DecisionMode.VOTE })
  mode!: DecisionMode;

  @Field(() => String, { nullable: true, description: 'The minutes recording a consensus adoption (biên bản)' })
  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn' })
  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was decided as it was when a rule decided it (no quorum)',
  })
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  @Field({ description: 'Withdrawn with a reason while it was open' })
  get withdrawn(): boolean {
    return this.status === NominationStatus.WITHDRAWN;
  }
}
