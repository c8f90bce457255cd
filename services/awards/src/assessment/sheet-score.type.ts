import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Province } from '../province/province.type.js';
import { AssessmentStatus } from './assessment.entity.js';

@ObjectType({ description: "A member's place on the scoring sheet: by appraised total, ties sharing a rank" })
export class SheetScore {
  @Field(() => Province)
  province!: Province;

  @Field(() => Float, { nullable: true })
  selfTotal!: number | null;

  @Field(() => Float, { nullable: true, description: 'Null until appraised' })
  appraisedTotal!: number | null;

  @Field(() => Int, { nullable: true, description: 'Competition rank by appraised total; null until appraised' })
  rank!: number | null;

  @Field(() => AssessmentStatus)
  status!: AssessmentStatus;
}
