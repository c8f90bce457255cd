import { buildFederatedSchema, type SubgraphDefinition } from '@thidua/kit';
import { nodeRegistryExtension, NodeRegistryResolver } from '@thidua/kit/exchange';
import type { GraphQLSchema } from 'graphql';
import { Cluster } from './cluster/cluster.entity.js';
import { resolveClusterReference } from './cluster/cluster.reference.js';
import { ClusterResolver } from './cluster/cluster.resolver.js';
import { DepartmentResolver, ProvinceDepartmentResolver } from './department/department.resolver.js';
import { ProvinceFactResolver, SeasonFactResolver } from './fact/fact.resolver.js';
import { createLoaders, type ProvincesContext } from './context.js';
import { Initial1732300000000 } from './migrations/1732300000000-initial.js';
import { AssumedMembers1734000000000 } from './migrations/1734000000000-assumed-members.js';
import { Province } from './province/province.entity.js';
import { resolveProvinceReference } from './province/province.reference.js';
import { ProvinceResolver } from './province/province.resolver.js';
import { ClusterSeason, SeasonMember } from './season/season.entity.js';
import { resolveClusterSeasonReference } from './season/season.reference.js';
import { SeasonResolver } from './season/season.resolver.js';
import { SeasonRevision } from './season/season-revision.entity.js';
import { seedProvincesService } from './seed.js';
import { awardsLink } from './succession/awards-client.js';
import { SuccessionResolver } from './succession/succession.resolver.js';

let schema: Promise<GraphQLSchema> | undefined;

/** The provinces subgraph schema (built once per process). */
export function buildProvincesSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema(
    // The node registry (docs/provincial-nodes.md) lives here: metrics and awards ask it.
    {
      resolvers: [
        ProvinceResolver,
        ClusterResolver,
        SeasonResolver,
        SuccessionResolver,
        NodeRegistryResolver,
        DepartmentResolver,
        ProvinceDepartmentResolver,
        ProvinceFactResolver,
        SeasonFactResolver,
      ],
    },
    {
      Province: { __resolveReference: resolveProvinceReference },
      Cluster: { __resolveReference: resolveClusterReference },
      ClusterSeason: { __resolveReference: resolveClusterSeasonReference },
    },
  );
  return schema;
}

/** Provinces, clusters, seasons and heads (next year's head as the review elected it, read from awards). */
export const provincesSubgraph: SubgraphDefinition<ProvincesContext> = {
  name: 'provinces',
  entities: [Province, Cluster, ClusterSeason, SeasonMember, SeasonRevision],
  migrations: [Initial1732300000000, AssumedMembers1734000000000],
  // The head a season's review elected is read from awards when it is recorded on the next season.
  links: { awards: awardsLink },
  extensions: [nodeRegistryExtension()],
  buildSchema: buildProvincesSchema,
  createContext: (base, db) => ({ ...base, db, loaders: createLoaders(db) }),
  seed: seedProvincesService,
};
