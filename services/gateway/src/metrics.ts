import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuthConfig } from '@thidua/kit';

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

export type GatewayMetrics = ReturnType<typeof createMetrics>;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: with METRICS_TOKEN set, whoever sends it as a bearer
 * token (a Prometheus scrape config); without it, everyone, unless
 * REQUIRE_AUTH=1 closes the server, which closes /metrics too.
 */
export function metricsAccess(auth: AuthConfig, authorization: string | undefined): 'ok' | string {
  if (auth.metricsToken) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match && sameSecret(match[1], auth.metricsToken)
      ? 'ok'
      : '/metrics needs Authorization: Bearer <METRICS_TOKEN>';
  }
  if (auth.requireAuth) {
    return '/metrics is closed on a server with REQUIRE_AUTH=1: set METRICS_TOKEN and give it to the scraper';
  }
  return 'ok';
}

/** GET /metrics: Prometheus text, behind {@link metricsAccess}. */
export function metricsHandler(metrics: GatewayMetrics, auth: AuthConfig): RequestHandler {
  return async (req, res) => {
    const access = metricsAccess(auth, req.headers.authorization);
    if (access !== 'ok') {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ error: access });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
