import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { DataSource } from 'typeorm';
import { print, type DocumentNode } from 'graphql';
import { Writable } from 'node:stream';
import pino from 'pino';
import { signToken, type Role } from '../auth.js';
import type { AuthConfig } from '../config.js';
import { dropDatabase, ensureDatabase, openDataSource, withDatabase, type DataSourceOptions } from '../db.js';
import { buildFederatedSchema } from '../federation.js';
import { nodeRegistryExtension, NodeRegistryResolver } from '../exchange/registry.js';
import { silentLogger, type Logger } from '../logger.js';
import type { NodeMode } from '../node-mode.js';
import { runSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../service.js';
import type { BaseContext } from '../subgraph-server.js';

export { waitForLockWaiters } from './locks.js';

/** The secret test tokens are signed with. */
export const TEST_SECRET = 'thidua-test-secret-0123456789';

export const testAuth: AuthConfig = { authSecret: TEST_SECRET, requireAuth: false, usingDevelopmentSecret: false };

export interface GraphQLResponse<TData = Record<string, any>> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface QueryOptions<TVariables = Record<string, unknown>> {
  variables?: TVariables;
  /** Sent as Authorization: Bearer <token>. */
  token?: string;
  /** Sent as Accept-Language (e.g. "vi" for Vietnamese messages). */
  language?: string;
}

/**
 * A parsed document that carries its result and variables types, in the shape
 * of `@graphql-typed-document-node/core` (what gql.tada's `graphql()` returns).
 */
export interface TypedDocument<TData, TVariables> {
  readonly kind: 'Document';
  readonly definitions: readonly unknown[];
  __apiType?: (variables: TVariables) => TData;
}

/** An operation: its text, or a typed document whose result and variables are checked. */
export type Operation<TData, TVariables> = string | TypedDocument<TData, TVariables>;

/** POSTs a GraphQL operation and returns the parsed body, whatever the HTTP status. */
export async function postGraphQL<TData = Record<string, any>, TVariables = Record<string, unknown>>(
  url: string,
  operation: Operation<TData, TVariables>,
  options: QueryOptions<TVariables> = {},
): Promise<GraphQLResponse<TData>> {
  const query = typeof operation === 'string' ? operation : print(operation as unknown as DocumentNode);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return (await response.json()) as GraphQLResponse<TData>;
}

/** The error codes of a response, in order. */
export function errorCodes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

/** A token signed with the test secret. */
export function testToken(role: Role, province?: string): Promise<string> {
  return signToken(TEST_SECRET, { sub: `test-${role}${province ? `-${province}` : ''}`, role, province }, '1h');
}

/** A fresh database-name prefix, so test files never share data. */
export function uniquePrefix(): string {
  return `t_${randomBytes(5).toString('hex')}`;
}

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run tests through jest (its global setup starts Postgres)');
  return url;
}

/**
 * A database of a test file's own on the test Postgres (`url`), open, with
 * `migrations` run; `close` destroys and drops it.
 */
export async function openTestDatabase(
  suffix: string,
  migrations: DataSourceOptions['migrations'] = [],
): Promise<{ dataSource: DataSource; url: string; close(): Promise<void> }> {
  const name = `${uniquePrefix()}_${suffix}`;
  await ensureDatabase(testDatabaseUrl(), name);
  const url = withDatabase(testDatabaseUrl(), name);
  const dataSource = await openDataSource({
    url,
    entities: [],
    migrations,
    logger: silentLogger,
  });
  return {
    dataSource,
    url,
    async close() {
      await dataSource.destroy();
      await dropDatabase(testDatabaseUrl(), name);
    },
  };
}

/**
 * Waits until `check` holds (it may answer a promise), trying every `everyMs`,
 * for what happens elsewhere: another process, a notification. Fails naming
 * `what` once `limitMs` has passed.
 */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  { limitMs = 10_000, everyMs = 20 }: { limitMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened within ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface TestSubgraph extends RunningSubgraph {
  query<TData = Record<string, any>, TVariables = Record<string, unknown>>(
    operation: Operation<TData, TVariables>,
    options?: QueryOptions<TVariables>,
  ): Promise<GraphQLResponse<TData>>;
  /** Stops the server and drops its database. */
  close(): Promise<void>;
}

export interface TestSubgraphOptions {
  demo?: boolean;
  /** GraphQL URLs of the subgraphs it links to (e.g. the node registry for an exchanging subgraph). */
  linkUrls?: Record<string, string>;
  /** Run as a provincial node. */
  node?: NodeMode;
  /** Default silent; see {@link captureLogs}. */
  logger?: Logger;
}

/** One real subgraph over HTTP on a fresh database, for tests beside its code. */
export async function startTestSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: TestSubgraphOptions = {},
): Promise<TestSubgraph> {
  const databaseUrl = testDatabaseUrl();
  const database = `${uniquePrefix()}_${definition.name}`;
  const running = await runSubgraph(definition, {
    databaseUrl,
    database,
    port: 0,
    host: '127.0.0.1',
    auth: testAuth,
    logger: options.logger ?? silentLogger,
    demo: options.demo ?? false,
    linkUrls: options.linkUrls,
    node: options.node,
  });
  return {
    ...running,
    query: (query, queryOptions) => postGraphQL(running.url, query, queryOptions),
    async close() {
      await running.stop();
      await dropDatabase(databaseUrl, database);
    },
  };
}

/**
 * Where {@link freePort} looks: below the kernel's ephemeral range, the ports
 * it hands to servers on port 0 and to outgoing connections (either could
 * take a port between the moment it was found free and the moment its server
 * binds it), and within a share of that space per Jest worker, so that two
 * workers never pick the same port. Undefined where the range is not known
 * to leave room (then the kernel picks, as for port 0).
 */
function portShare(): { from: number; size: number } | undefined {
  let ephemeralFrom = 32768;
  try {
    ephemeralFrom = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    // Not Linux: the usual lower bound of the range elsewhere (49152) leaves even more room.
  }
  const from = 20_000;
  const shares = 8;
  const size = Math.floor((ephemeralFrom - from) / shares);
  if (!(size >= 500)) return undefined;
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  return { from: from + ((worker - 1) % shares) * size, size };
}

/** Ports this module handed out, so that two calls before either server binds never get the same one. */
const handedOut = new Set<number>();

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago (for servers that cannot take port 0); see {@link portShare}. */
export async function freePort(): Promise<number> {
  const share = portShare();
  if (share) {
    const start = Math.floor(Math.random() * share.size);
    for (let step = 0; step < share.size; step++) {
      const port = share.from + ((start + step) % share.size);
      if (handedOut.has(port) || !(await bindable(port))) continue;
      handedOut.add(port);
      return port;
    }
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export * from './concurrency.js';

/** A logger whose lines (parsed JSON) land in `lines`, for tests that check what was logged. */
export function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/**
 * The kit's node registry (the part the provinces subgraph mounts) served on
 * its own, for the exchanging subgraphs' own tests: they link to it as
 * `provinces` to check node credentials.
 */
export function startTestNodeRegistry(): Promise<TestSubgraph> {
  return startTestSubgraph({
    name: 'registry',
    entities: [],
    migrations: [],
    extensions: [nodeRegistryExtension()],
    buildSchema: () => buildFederatedSchema({ resolvers: [NodeRegistryResolver] }),
    createContext: (base, db) => ({ ...base, db }),
  });
}
