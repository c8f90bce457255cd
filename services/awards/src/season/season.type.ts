import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** Key-only stub of the provinces subgraph's ClusterSeason; awards adds the review and standings. */
@Directive('@key(fields: "clusterId year")')
@ObjectType()
export class ClusterSeason {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => Int)
  year!: number;
}

/** A ClusterSeason reference for a field that returns one. */
export function seasonRef(clusterId: string, year: number): ClusterSeason {
  return Object.assign(new ClusterSeason(), { clusterId, year });
}
