import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { awardsSubgraph } from '@thidua/awards';
import { metricsSubgraph } from '@thidua/metrics';
import { provincesSubgraph } from '@thidua/provinces';
import {
  createServiceLinks,
  DEVELOPMENT_SECRET,
  openDataSource,
  silentLogger,
  withDatabase,
  type SubgraphDefinition,
  type BaseContext,
} from '@thidua/kit';
import { referenceData } from '@thidua/kit/reference';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Pool } from 'undici';
import { percentile, type LoadResult } from './bench-load.js';

/**
 * A pass-through proxy in front of one subgraph: counts the GraphQL calls a
 * gateway makes and, while `recording`, keeps their bodies (what the
 * gateway asked that subgraph, to replay as the subgraph's floor).
 */
export interface RecordingProxy {
  name: string;
  url: string;
  calls: number;
  recorded: string[];
  stop(): Promise<void>;
}

export async function startRecordingProxy(name: string, target: string): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  const pool = new Pool(targetUrl.origin, { connections: 64 });
  const proxy: RecordingProxy = { name, url: '', calls: 0, recorded: [], stop: async () => undefined };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    if (req.method === 'POST') {
      proxy.calls++;
      proxy.recorded.push(body);
    }
    const headers: Record<string, string> = {};
    for (const header of ['content-type', 'accept', 'authorization', 'x-request-id']) {
      const value = req.headers[header];
      if (typeof value === 'string') headers[header] = value;
    }
    const answer = await pool.request({
      path: req.url ?? '/',
      method: req.method as 'GET' | 'POST',
      headers,
      body: req.method === 'POST' ? body : undefined,
    });
    const text = await answer.body.text();
    res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
    res.end(text);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy.stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pool.close();
  };
  return proxy;
}

/** The operations the gateway runs for the standings, run in-process against the subgraphs' own schemas. */
const steps = {
  season: parse(`query ($clusterId: ID!, $year: Int!) { cluster(id: $clusterId) { season(year: $year) {
    __typename clusterId year members { id } } } }`),
  ranking: parse(`query ($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on ClusterSeason { ictRanking { province { id } score } } } }`),
  standings: parse(`query ($representations: [_Any!]!, $ictWeight: Float, $awardWeight: Float) {
    _entities(representations: $representations) { ... on ClusterSeason {
      standings(ictWeight: $ictWeight, awardWeight: $awardWeight) { rank province { __typename id } ictScore awardScore total } } } }`),
  names: parse(
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Province { name } } }`,
  ),
};

interface InProcessSubgraph {
  schema: GraphQLSchema;
  context: () => BaseContext;
  stop(): Promise<void>;
}

async function openInProcess(
  definition: SubgraphDefinition<BaseContext>,
  databaseUrl: string,
  database: string,
  linkUrls: Record<string, string | undefined> = {},
  authSecret = DEVELOPMENT_SECRET,
): Promise<InProcessSubgraph> {
  const reference = referenceData();
  const links = createServiceLinks({
    self: definition.name,
    declared: definition.links ?? {},
    urls: linkUrls,
    secret: authSecret,
  });
  const dataSource = await openDataSource({
    url: withDatabase(databaseUrl, database),
    entities: definition.entities,
    migrations: definition.migrations,
    logger: silentLogger,
    genericPlans: definition.genericPlans,
  });
  const schema = await definition.buildSchema();
  let requests = 0;
  return {
    schema,
    context: () =>
      definition.createContext(
        { viewer: null, logger: silentLogger, requestId: `baseline-${requests++}`, reference, links },
        dataSource,
      ),
    stop: () => dataSource.destroy(),
  };
}

/**
 * The federation-free baseline for the standings: the same four subgraph
 * operations the query plan runs, executed in this process with
 * `graphql.execute` on each subgraph's schema (no HTTP, no planning),
 * assembled and serialised as the gateway would answer.
 */
export async function startStandingsBaseline(options: {
  databaseUrl: string;
  databasePrefix: string;
  provincesUrl: string;
  authSecret: string;
}) {
  const open = (definition: SubgraphDefinition, name: string, linkUrls?: Record<string, string>) =>
    openInProcess(definition, options.databaseUrl, `${options.databasePrefix}_${name}`, linkUrls, options.authSecret);
  const provinces = await open(provincesSubgraph, 'provinces');
  const metrics = await open(metricsSubgraph, 'metrics');
  const awards = await open(awardsSubgraph, 'awards', { provinces: options.provincesUrl });
  const run = async <T>(
    subgraph: InProcessSubgraph,
    document: DocumentNode,
    variableValues: Record<string, unknown>,
  ) => {
    const result = await execute({
      schema: subgraph.schema,
      document,
      variableValues,
      contextValue: subgraph.context(),
    });
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
    return result.data as T;
  };
  type Entities<T> = { _entities: T[] };
  interface Standing {
    rank: number | null;
    province: { __typename: string; id: string };
    ictScore: number | null;
    awardScore: number | null;
    total: number | null;
  }

  /** One standings answer; throws if any step fails. */
  const answer = async (variables: { clusterId: string; year: number; ictWeight: number; awardWeight: number }) => {
    const { season } = (
      await run<{ cluster: { season: { clusterId: string; year: number; members: { id: string }[] } } }>(
        provinces,
        steps.season,
        variables,
      )
    ).cluster;
    const key = { __typename: 'ClusterSeason', ...season };
    const [ranked] = (await run<Entities<{ ictRanking: unknown }>>(metrics, steps.ranking, { representations: [key] }))
      ._entities;
    const [standing] = (
      await run<Entities<{ standings: Standing[] }>>(awards, steps.standings, {
        representations: [{ ...key, ictRanking: ranked.ictRanking }],
        ictWeight: variables.ictWeight,
        awardWeight: variables.awardWeight,
      })
    )._entities;
    const names = (
      await run<Entities<{ name: string }>>(provinces, steps.names, {
        representations: standing.standings.map((s) => s.province),
      })
    )._entities;
    const rows = standing.standings.map((s, i) => ({
      rank: s.rank,
      province: { id: s.province.id, name: names[i].name },
      ictScore: s.ictScore,
      awardScore: s.awardScore,
      total: s.total,
    }));
    return JSON.stringify({ data: { cluster: { season: { standings: rows } } } });
  };

  /** The same closed loop as the HTTP load, in-process: `concurrency` answers in flight. */
  const load = async (
    concurrency: number,
    durationMs: number,
    next: (i: number) => Parameters<typeof answer>[0],
  ): Promise<LoadResult> => {
    const latencies: number[] = [];
    let issued = 0;
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const variables = next(issued++);
          const t0 = performance.now();
          await answer(variables);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    latencies.sort((a, b) => a - b);
    return {
      count: latencies.length,
      rate: (latencies.length / elapsedMs) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: 0,
      elapsedMs,
      latencies,
    };
  };

  return {
    answer,
    load,
    async stop() {
      await Promise.all([provinces.stop(), metrics.stop(), awards.stop()]);
    },
  };
}
