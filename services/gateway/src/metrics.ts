import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the gateway, served at GET /metrics. */
export function createMetrics() {
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
  return { registry, plugin };
}
