import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';
import { DecisionMode } from '../year/year.types.js';

export enum HeadElectionStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(HeadElectionStatus, { name: 'HeadElectionStatus' });

/** How a closed round ended. */
export enum HeadElectionOutcome {
  ELECTED = 'ELECTED',
  TIE = 'TIE',
  NO_MAJORITY = 'NO_MAJORITY',
}
registerEnumType(HeadElectionOutcome, {
  name: 'HeadElectionOutcome',
  description:
    'ELECTED: a candidate had more than half of the votes cast; TIE: the leaders tied; NO_MAJORITY: nobody had more ' +
    'than half. TIE and NO_MAJORITY need a second round (openHeadElection again, with the runoff candidates)',
});

/**
 * One round of the election of next year's cluster head (suy tôn cụm trưởng)
 * at a season's review. The latest round is the season's `headElection`.
 */
@ObjectType({ description: "The election of next year's cluster head (suy tôn cụm trưởng), one round" })
@Entity({ name: 'head_election' })
export class HeadElection {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @Field(() => Int, { description: 'The season whose review holds it; the head is for year + 1' })
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Int, { description: '1, then 2 for a second round after a tie or no majority' })
  @PrimaryColumn({ type: 'int' })
  round!: number;

  @Field(() => DecisionMode)
  @Column({ type: 'text' })
  mode!: DecisionMode;

  @Field(() => HeadElectionStatus)
  @Column({ type: 'text' })
  status!: HeadElectionStatus;

  @Column({ type: 'text', array: true })
  candidates!: string[];

  @Field(() => HeadElectionOutcome, { nullable: true, description: 'Null while open' })
  @Column({ type: 'text', nullable: true })
  outcome!: HeadElectionOutcome | null;

  @Column({ type: 'text', nullable: true })
  elected!: string | null;

  @Column({ type: 'text', nullable: true })
  deputy!: string | null;

  /** The candidates of the second round after a tie or no majority. */
  @Column({ type: 'text', array: true })
  runoff!: string[];

  @Field(() => String, { nullable: true, description: 'The minutes of a choice by consensus' })
  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Field(() => String, { nullable: true, description: 'A published report, for elections recorded from the record' })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field()
  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Field(() => String, { nullable: true })
  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
