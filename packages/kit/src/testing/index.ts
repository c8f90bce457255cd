import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { signToken, type Role } from '../auth.js';
import type { AuthConfig } from '../config.js';
import { dropDatabase } from '../db.js';
import { silentLogger } from '../logger.js';
import { runSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../service.js';
import type { BaseContext } from '../subgraph-server.js';

/** The secret test tokens are signed with. */
export const TEST_SECRET = 'thidua-test-secret-0123456789';

export const testAuth: AuthConfig = { authSecret: TEST_SECRET, requireAuth: false, usingDevelopmentSecret: false };

export interface GraphQLResponse<TData = Record<string, any>> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface QueryOptions {
  variables?: Record<string, unknown>;
  /** Sent as Authorization: Bearer <token>. */
  token?: string;
}

/** POSTs a GraphQL operation and returns the parsed body, whatever the HTTP status. */
export async function postGraphQL<TData = Record<string, any>>(
  url: string,
  query: string,
  options: QueryOptions = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
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

export interface TestSubgraph extends RunningSubgraph {
  query<TData = Record<string, any>>(query: string, options?: QueryOptions): Promise<GraphQLResponse<TData>>;
  /** Stops the server and drops its database. */
  close(): Promise<void>;
}

/** One real subgraph over HTTP on a fresh database, for tests beside its code (linked to real peers if given). */
export async function startTestSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: {
    demo?: boolean;
    /** The GraphQL URLs of peers this subgraph links to (e.g. another test subgraph's `url`). */
    linkUrls?: Record<string, string>;
  } = {},
): Promise<TestSubgraph> {
  const databaseUrl = testDatabaseUrl();
  const database = `${uniquePrefix()}_${definition.name}`;
  const running = await runSubgraph(definition, {
    databaseUrl,
    database,
    port: 0,
    host: '127.0.0.1',
    auth: testAuth,
    logger: silentLogger,
    demo: options.demo ?? false,
    linkUrls: options.linkUrls,
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

/** A TCP port that was free a moment ago (for servers that cannot take port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
