import { buildFederatedSchema, type SubgraphDefinition } from '@thidua/kit';
import type { GraphQLSchema } from 'graphql';
import { createLoaders, type MetricsContext } from './context.js';
import { Indicator } from './indicator/indicator.entity.js';
import { resolveIndicatorReference } from './indicator/indicator.reference.js';
import { IndicatorResolver } from './indicator/indicator.resolver.js';
import { Initial1732300000000 } from './migrations/1732300000000-initial.js';

let schema: Promise<GraphQLSchema> | undefined;

/** The metrics subgraph schema (built once per process). */
export function buildMetricsSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema(
    { resolvers: [IndicatorResolver] },
    { Indicator: { __resolveReference: resolveIndicatorReference } },
  );
  return schema;
}

/** ICT indicators, observations, rankings and composite indices. */
export const metricsSubgraph: SubgraphDefinition<MetricsContext> = {
  name: 'metrics',
  entities: [Indicator],
  migrations: [Initial1732300000000],
  buildSchema: buildMetricsSchema,
  createContext: (base, db) => ({ ...base, db, loaders: createLoaders(db) }),
};
