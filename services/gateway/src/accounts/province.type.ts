import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Key-only stub of the provinces subgraph's Province: an account names the province it acts for. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Province {
  @Field(() => ID)
  id!: string;
}

export function provinceRef(id: string | null): Province | null {
  return id === null ? null : Object.assign(new Province(), { id });
}
