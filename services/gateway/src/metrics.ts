import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CacheOutcome } from './graphql-handler.js';
import type { SubgraphClient } from './subgraph-fetch.js';

/** Prometheus metrics of the gateway, served at GET /metrics. */
export function createMetrics(clients: Record<string, SubgraphClient>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'thidua_gateway_' });
  const operations = new Counter({
    name: 'thidua_graphql_operations_total',
    help: 'GraphQL operations answered, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'thidua_graphql_duration_seconds',
    help: 'Time to answer a GraphQL operation',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'thidua_gateway_response_cache_total',
    help: 'GraphQL requests by what the response cache did: hit, miss (answered, then kept if it could be), bypass',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'thidua_gateway_subgraph_calls',
    help: 'Subgraph calls since start: sent over HTTP, or merged into an identical call in flight',
    labelNames: ['subgraph', 'kind'] as const,
    registers: [registry],
    collect() {
      for (const [subgraph, client] of Object.entries(clients)) {
        this.set({ subgraph, kind: 'sent' }, client.counts.sent);
        this.set({ subgraph, kind: 'merged' }, client.counts.merged);
      }
    },
  });
  new Gauge({
    name: 'thidua_gateway_subgraph_circuit_open',
    help: '1 while a subgraph’s circuit is open (calls fail at once) or half-open (one probe in flight)',
    labelNames: ['subgraph'] as const,
    registers: [registry],
    collect() {
      for (const [subgraph, client] of Object.entries(clients)) {
        this.set({ subgraph }, client.breaker.state === 'closed' ? 0 : 1);
      }
    },
  });

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stopTimer = duration.startTimer();
      return {
        async willSendResponse({ operation, errors }) {
          const type = operation?.operation ?? 'unknown';
          stopTimer({ type });
          operations.inc({ type, outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
  return { registry, plugin, onCache: (outcome: CacheOutcome) => cache.inc({ outcome }) };
}
