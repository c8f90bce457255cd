import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One indicator of an index with its weight. */
@ObjectType({ description: 'One indicator of an index and its weight' })
@Entity({ name: 'index_component' })
export class IndexComponent {
  @PrimaryColumn({ name: 'index_id', type: 'text' })
  indexId!: string;

  @PrimaryColumn({ name: 'indicator_code', type: 'text' })
  indicatorCode!: string;

  @Field(() => Float, { description: 'Relative weight (> 0); the DTI uses its points, e.g. 200' })
  @Column({ type: 'double precision' })
  weight!: number;
}
