import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One criterion of one member's assessment: its own score, the rule's, the appraised one, and notes. */
@ObjectType({ description: "One criterion of a member's assessment" })
@Entity({ name: 'assessment_item' })
export class AssessmentItem {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @PrimaryColumn({ name: 'criterion_id', type: 'uuid' })
  criterionId!: string;

  @Field(() => Float, { nullable: true, description: 'The member’s own score, 0 … maxPoints' })
  @Column({ name: 'self_score', type: 'double precision', nullable: true })
  selfScore!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "For a criterion linked to an indicator: maxPoints × the member's normalised 0–100 score on it among the " +
      "season's members / 100, from the figures when last saved or appraised; null: no figure",
  })
  @Column({ name: 'rule_score', type: 'double precision', nullable: true })
  ruleScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'The score the appraisal settled' })
  @Column({ name: 'appraised_score', type: 'double precision', nullable: true })
  appraisedScore!: number | null;

  @Field(() => String, { nullable: true, description: "The member's note" })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The appraiser's note (required when the appraisal departs from the indicator rule)",
  })
  @Column({ name: 'appraisal_note', type: 'text', nullable: true })
  appraisalNote!: string | null;

  @Field({ description: 'The head returned the assessment pointing at this criterion' })
  @Column({ type: 'boolean' })
  returned!: boolean;
}

/** The item of a criterion the member has not touched. */
export function blankItem(clusterId: string, year: number, provinceId: string, criterionId: string): AssessmentItem {
  return Object.assign(new AssessmentItem(), {
    clusterId,
    year,
    provinceId,
    criterionId,
    selfScore: null,
    ruleScore: null,
    appraisedScore: null,
    note: null,
    appraisalNote: null,
    returned: false,
  });
}
