import type { ApolloServerPlugin } from '@apollo/server';
import { operationLimitsPlugin } from '@thidua/kit';
import type { QueryLimits } from './config.js';
import type { GatewayContext } from './context.js';

/**
 * What the gateway adds to graphql-armor's depth, alias and cost limits: a
 * response size estimated from list sizes (kit's `assumedListSizes`, in the
 * manner of the demand-control `@listSize`), and a bound on how often one field
 * repeats on a path, so `cluster { seasons { cluster { seasons … } } }` is
 * refused before any subgraph is asked. Depth and aliases stay armor's.
 */
export function responseLimits(limits: QueryLimits): ApolloServerPlugin<GatewayContext> {
  return operationLimitsPlugin<GatewayContext>({
    maxDepth: Number.POSITIVE_INFINITY,
    maxAliases: Number.POSITIVE_INFINITY,
    maxFieldRepeats: limits.maxFieldRepeats,
    maxResponseSize: limits.maxResponseSize,
  });
}
