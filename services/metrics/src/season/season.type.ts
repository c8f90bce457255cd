import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Province } from '../province/province.type.js';

/** What federation hands over for a season: its key, and its members when required. */
export interface ClusterSeasonRef {
  clusterId: string;
  year: number;
  members?: { id: string }[] | null;
}

/** The provinces subgraph's ClusterSeason, extended here with its rankings. */
@Directive('@key(fields: "clusterId year")')
@ObjectType()
export class ClusterSeason implements ClusterSeasonRef {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => Int)
  year!: number;

  @Directive('@external')
  @Field(() => [Province])
  members?: Province[] | null;
}
