import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuthConfig } from '@thidua/kit';
import { checkSubgraphs } from './health.js';
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
  return {
    registry,
    plugin,
    exchange: exchangeGauges(registry),
    onCache: (outcome: CacheOutcome) => cache.inc({ outcome }),
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;

/**
 * A provincial node's exchange with the cluster, per subgraph, read from the
 * subgraphs' /health at scrape time (the shippers may run in other processes).
 * A cluster's gateway has no samples of these.
 */
function exchangeGauges(registry: Registry) {
  const gauge = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: ['subgraph'] as const, registers: [registry] });
  const pending = gauge('thidua_exchange_pending_records', 'Records waiting on this node to be sent to the cluster');
  const behind = gauge('thidua_exchange_behind_seconds', 'Age of the oldest record waiting to be sent (0 when none)');
  const lastSuccess = gauge(
    'thidua_exchange_last_success_timestamp_seconds',
    'When the last exchange with the cluster succeeded (Unix time; 0 never)',
  );
  const rejected = gauge('thidua_exchange_rejected_records', 'Records the cluster ever refused');
  const deadLetters = gauge('thidua_exchange_dead_letters', "Refused records waiting for the node operator's decision");
  const reachable = gauge(
    'thidua_exchange_cluster_up',
    '1 when the last exchange reached the cluster and it accepted the batch',
  );

  return async (urls: Record<string, string>) => {
    const subgraphs = await checkSubgraphs(urls);
    for (const metric of [pending, behind, lastSuccess, rejected, deadLetters, reachable]) metric.reset();
    for (const { name, exchange } of subgraphs) {
      if (!exchange) continue;
      const labels = { subgraph: name };
      const number = (key: string) => (typeof exchange[key] === 'number' ? (exchange[key] as number) : 0);
      const success = typeof exchange.lastSuccessAt === 'string' ? Date.parse(exchange.lastSuccessAt) / 1000 : 0;
      pending.set(labels, number('pending'));
      behind.set(labels, number('behindSeconds'));
      lastSuccess.set(labels, success);
      rejected.set(labels, number('rejected'));
      deadLetters.set(labels, number('deadLetters'));
      reachable.set(labels, exchange.cluster === 'reachable' ? 1 : 0);
    }
  };
}

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

/** GET /metrics: Prometheus text, behind {@link metricsAccess}; `subgraphUrls` feed the exchange gauges. */
export function metricsHandler(
  metrics: GatewayMetrics,
  auth: AuthConfig,
  subgraphUrls: Record<string, string>,
): RequestHandler {
  return async (req, res) => {
    const access = metricsAccess(auth, req.headers.authorization);
    if (access !== 'ok') {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ error: access });
      return;
    }
    await metrics.exchange(subgraphUrls);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
