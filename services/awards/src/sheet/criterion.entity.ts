import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a season's scoring sheet (bảng chấm điểm): a criterion in a group, with its maximum points. */
@ObjectType({ description: 'One criterion of the scoring sheet (bảng chấm điểm), in its group, with its maximum' })
@Entity({ name: 'criterion' })
export class Criterion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  position!: number;

  @Field({ description: 'Its number on the sheet, e.g. "II.3"' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'The group it belongs to, e.g. "II. Chuyển đổi số, chính quyền số"' })
  @Column({ name: 'group_name', type: 'text' })
  group!: string;

  @Field()
  @Column({ type: 'text' })
  title!: string;

  @Field(() => Float)
  @Column({ name: 'max_points', type: 'double precision' })
  maxPoints!: number;

  /** Resolved to the metrics Indicator stub. */
  @Column({ name: 'indicator_code', type: 'text', nullable: true })
  indicatorCode!: string | null;

  @Field({ description: 'Whether a self-score above 0 needs evidence (minh chứng)' })
  @Column({ name: 'evidence_required', type: 'boolean' })
  evidenceRequired!: boolean;
}

@InputType({ description: 'One criterion of a scoring sheet, as the head or the Ministry defines it' })
export class CriterionInput {
  @Field()
  code!: string;

  @Field()
  group!: string;

  @Field()
  title!: string;

  @Field(() => Float)
  maxPoints!: number;

  @Field(() => ID, {
    nullable: true,
    description:
      "An indicator code: the criterion is pre-filled from the member's figure, maxPoints × its normalised " +
      "0–100 score among the season's members / 100",
  })
  indicator?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  evidenceRequired?: boolean | null;
}
