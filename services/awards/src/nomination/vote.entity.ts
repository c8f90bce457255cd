import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** One member's vote on one nomination; a member votes once. */
@ObjectType({ description: "One member province's vote on a nomination" })
@Entity({ name: 'vote' })
export class Vote {
  @PrimaryColumn({ name: 'nomination_id', type: 'uuid' })
  nominationId!: string;

  @PrimaryColumn({ name: 'voter_province_id', type: 'text' })
  voterProvinceId!: string;

  @Field()
  @Column({ type: 'boolean' })
  approve!: boolean;

  @Field({ description: 'The token subject that cast it' })
  @Column({ name: 'cast_by', type: 'text' })
  castBy!: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'cast_at', type: 'timestamptz', default: () => 'now()' })
  castAt!: Date;
}
