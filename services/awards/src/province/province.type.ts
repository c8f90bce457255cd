import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Key-only stub of the provinces subgraph's Province; awards adds its commendations. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Province {
  @Field(() => ID)
  id!: string;
}

/** A Province reference for a field that returns one. */
export function provinceRef(id: string): Province {
  return Object.assign(new Province(), { id });
}
