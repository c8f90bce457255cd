import { buildFederatedSchema, type SubgraphDefinition } from '@thidua/kit';
import type { GraphQLSchema } from 'graphql';
import { CatalogueEntry } from './catalogue/catalogue.entity.js';
import { CatalogueResolver } from './catalogue/catalogue.resolver.js';
import type { AwardsContext } from './context.js';
import { Initial1732300000000 } from './migrations/1732300000000-initial.js';

let schema: Promise<GraphQLSchema> | undefined;

/** The awards subgraph schema (built once per process). */
export function buildAwardsSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({ resolvers: [CatalogueResolver] });
  return schema;
}

/** Commendations, nominations and votes, combined standings. */
export const awardsSubgraph: SubgraphDefinition<AwardsContext> = {
  name: 'awards',
  entities: [CatalogueEntry],
  migrations: [Initial1732300000000],
  buildSchema: buildAwardsSchema,
  createContext: (base, db) => ({ ...base, db }),
};
