import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropDatabase, silentLogger, type Role } from '@thidua/kit';
import {
  postGraphQL,
  testAuth,
  testDatabaseUrl,
  testToken,
  uniquePrefix,
  type GraphQLResponse,
  type QueryOptions,
} from '@thidua/kit/testing';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';

export { errorCodes, postGraphQL, testToken } from '@thidua/kit/testing';

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
  /** Where the gateway keeps uploaded files (a fresh temporary folder). */
  filesDir: string;
  /** Stops everything and drops the stack's databases. */
  stop(): Promise<void>;
}

export interface TestStackOptions {
  demo?: boolean;
  requireAuth?: boolean;
  /** Largest upload accepted (default the gateway's 20 MB). */
  maxFileBytes?: number;
}

/**
 * Starts the real subgraphs and the real gateway on free ports, each
 * subgraph on its own fresh database on the test Postgres.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const databaseUrl = testDatabaseUrl();
  const databasePrefix = uniquePrefix();
  const filesDir = mkdtempSync(path.join(tmpdir(), 'thidua-files-'));
  const stack = await startStack({
    files: { dir: filesDir, maxBytes: options.maxFileBytes },
    databaseUrl,
    databasePrefix,
    auth: { ...testAuth, requireAuth: options.requireAuth ?? false },
    logger: silentLogger,
    host: '127.0.0.1',
    demo: options.demo ?? false,
  });
  const url = stack.gateway.url;
  return {
    stack,
    url,
    baseUrl: url.replace(/\/graphql$/, ''),
    databaseUrl,
    databasePrefix,
    filesDir,
    query: (query, queryOptions) => postGraphQL(url, query, queryOptions),
    token: testToken,
    async stop() {
      await stack.stop();
      await Promise.all(
        (Object.keys(subgraphs) as SubgraphName[]).map((name) =>
          dropDatabase(databaseUrl, `${databasePrefix}_${name}`),
        ),
      );
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
