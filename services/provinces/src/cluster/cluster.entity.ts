import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An emulation cluster (Cụm thi đua) of provincial departments. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An emulation cluster (Cụm thi đua)' })
@Entity({ name: 'cluster' })
export class Cluster {
  @Field(() => ID, { description: 'e.g. "cum-3"' })
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Field({ description: 'e.g. "Cụm thi đua số 3"' })
  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
