import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Province } from '../province/province.type.js';

/** The metrics subgraph's index score, as much of it as standings read. */
@ObjectType()
export class IndexScore {
  @Directive('@external')
  @Field(() => Province)
  province!: Province;

  @Directive('@external')
  @Field(() => Float)
  score!: number;

  @Directive('@external')
  @Field(() => Float)
  coverage!: number;
}

/**
 * Stub of the provinces subgraph's ClusterSeason; awards adds the review and
 * standings. `members` (provinces) and `ictRanking` (metrics) arrive with the
 * representation when `standings` is asked for (@requires); otherwise they are absent.
 */
@Directive('@key(fields: "clusterId year")')
@ObjectType()
export class ClusterSeason {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => Int)
  year!: number;

  @Directive('@external')
  @Field(() => [Province])
  members?: { id: string }[] | null;

  @Directive('@external')
  @Field(() => [IndexScore], { nullable: true })
  ictRanking?: { province: { id: string } | null; score: number | null; coverage?: number | null }[] | null;
}

/** A ClusterSeason reference for a field that returns one. */
export function seasonRef(clusterId: string, year: number): ClusterSeason {
  return Object.assign(new ClusterSeason(), { clusterId, year });
}
