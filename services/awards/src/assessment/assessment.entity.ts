import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** Where a member's self-assessment stands. */
export enum AssessmentStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPRAISED = 'APPRAISED',
}
registerEnumType(AssessmentStatus, {
  name: 'AssessmentStatus',
  description: 'DRAFT while the member scores itself; SUBMITTED; RETURNED by the head with a reason; APPRAISED',
});

/** A member's self-assessment against the season's sheet (tự chấm điểm) and its appraisal (thẩm định). */
@ObjectType({
  description: "A member's self-assessment against the sheet (tự chấm điểm) and its appraisal (thẩm định)",
})
@Entity({ name: 'assessment' })
export class Assessment {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @Field(() => AssessmentStatus)
  @Column({ type: 'text' })
  status!: AssessmentStatus;

  @Field(() => String, { nullable: true, description: 'Why the head returned it (kept after resubmission)' })
  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'saved_by', type: 'text', nullable: true })
  savedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'saved_at', type: 'timestamptz', nullable: true })
  savedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'returned_by', type: 'text', nullable: true })
  returnedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'appraised_by', type: 'text', nullable: true })
  appraisedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'appraised_at', type: 'timestamptz', nullable: true })
  appraisedAt!: Date | null;
}

/** A member that has not saved anything yet: a draft with no scores. */
export function blankAssessment(clusterId: string, year: number, provinceId: string): Assessment {
  return Object.assign(new Assessment(), {
    clusterId,
    year,
    provinceId,
    status: AssessmentStatus.DRAFT,
    returnReason: null,
    savedBy: null,
    savedAt: null,
    submittedBy: null,
    submittedAt: null,
    returnedBy: null,
    returnedAt: null,
    appraisedBy: null,
    appraisedAt: null,
  });
}
