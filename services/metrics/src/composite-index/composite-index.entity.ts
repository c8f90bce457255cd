import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A named weighted set of indicators ("ict", "dti"); its score is the pinned weighted mean. */
@ObjectType('Index', { description: 'A named weighted set of indicators; "ict" is the default one' })
@Entity({ name: 'index_definition' })
export class IndexDefinition {
  @Field(() => ID, { description: 'e.g. "ict" or "dti"' })
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Field({ description: 'Vietnamese name' })
  @Column({ type: 'text' })
  name!: string;
}
