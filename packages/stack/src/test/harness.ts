import 'reflect-metadata';
import { Writable } from 'node:stream';
import type { IdentityConfig } from '@thidua/gateway';
import pino from 'pino';
import {
  dropDatabase,
  postGraphQL,
  silentLogger,
  testAuth,
  testDatabaseUrl,
  testToken,
  uniquePrefix,
  type GraphQLResponse,
  type Logger,
  type QueryOptions,
  type Role,
} from '@thidua/kit';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';

export { errorCodes, postGraphQL, testToken } from '@thidua/kit';

export interface TestStack {
  stack: Stack;
  /** The gateway's GraphQL URL. */
  url: string;
  /** The gateway's base URL, without a path. */
  baseUrl: string;
  databaseUrl: string;
  databasePrefix: string;
  /** Sends an operation to the gateway. */
  query<TData = Record<string, any>>(query: string, options?: QueryOptions): Promise<GraphQLResponse<TData>>;
  token(role: Role, province?: string): Promise<string>;
  /** Stops everything and drops the stack's databases. */
  stop(): Promise<void>;
}

export interface TestStackOptions {
  demo?: boolean;
  requireAuth?: boolean;
  /** Sign-in settings for the gateway (e.g. trustProxy, so tests can play several clients). */
  identity?: Partial<IdentityConfig>;
  /** Where the stack logs (default: nowhere); see {@link capturingLogger}. */
  logger?: Logger;
}

/** A logger that keeps every line, for tests that read what was logged. */
export function capturingLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), text: () => lines.join('') };
}

/**
 * Starts the real subgraphs and the real gateway on free ports, each
 * subgraph on its own fresh database on the test Postgres.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const databaseUrl = testDatabaseUrl();
  const databasePrefix = uniquePrefix();
  const stack = await startStack({
    databaseUrl,
    databasePrefix,
    auth: { ...testAuth, requireAuth: options.requireAuth ?? false },
    logger: options.logger ?? silentLogger,
    host: '127.0.0.1',
    demo: options.demo ?? false,
    identity: options.identity,
  });
  const url = stack.gateway.url;
  return {
    stack,
    url,
    baseUrl: url.replace(/\/graphql$/, ''),
    databaseUrl,
    databasePrefix,
    query: (query, queryOptions) => postGraphQL(url, query, queryOptions),
    token: testToken,
    async stop() {
      await stack.stop();
      await Promise.all(
        [...(Object.keys(subgraphs) as SubgraphName[]), 'gateway'].map((name) =>
          dropDatabase(databaseUrl, `${databasePrefix}_${name}`),
        ),
      );
    },
  };
}
