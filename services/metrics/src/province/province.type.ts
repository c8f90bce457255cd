import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** What federation hands over for a province: its key, and its predecessors when required. */
export interface ProvinceRef {
  id: string;
  predecessors?: { id: string }[] | null;
}

/** The provinces subgraph's Province, extended here with its observations. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Province implements ProvinceRef {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [Province])
  predecessors?: Province[] | null;
}
