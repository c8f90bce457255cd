import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { IdentityConfig } from '@thidua/gateway';
import { dropDatabase, silentLogger, type Logger, type Role } from '@thidua/kit';
import pino from 'pino';
import {
  postGraphQL,
  testAuth,
  testDatabaseUrl,
  testToken,
  uniquePrefix,
  type GraphQLResponse,
  type Operation,
  type QueryOptions,
} from '@thidua/kit/testing';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';

export { errorCodes, postGraphQL, testToken } from '@thidua/kit/testing';
export { graphql, type ResultOf, type VariablesOf } from './graphql.js';

export interface TestStack {
  stack: Stack;
  /** The gateway's GraphQL URL. */
  url: string;
  /** The gateway's base URL, without a path. */
  baseUrl: string;
  databaseUrl: string;
  databasePrefix: string;
  /** Sends an operation to the gateway; a typed document (`graphql(...)`) types its result and variables. */
  query<TData = Record<string, any>, TVariables = Record<string, unknown>>(
    operation: Operation<TData, TVariables>,
    options?: QueryOptions<TVariables>,
  ): Promise<GraphQLResponse<TData>>;
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
  const filesDir = mkdtempSync(path.join(tmpdir(), 'thidua-files-'));
  const stack = await startStack({
    files: { dir: filesDir, maxBytes: options.maxFileBytes },
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
    filesDir,
    query: (operation, queryOptions) => postGraphQL(url, operation, queryOptions),
    token: testToken,
    async stop() {
      await stack.stop();
      await Promise.all(
        [...(Object.keys(subgraphs) as SubgraphName[]), 'gateway'].map((name) =>
          dropDatabase(databaseUrl, `${databasePrefix}_${name}`),
        ),
      );
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a test stack before the file's tests and stops it after them: the
 * setup every e2e file shares. The returned object stands for the running
 * stack (it forwards to it), so tests use it as they would the stack itself.
 */
export function useTestStack(options: TestStackOptions = {}): TestStack {
  let started: TestStack | undefined;
  beforeAll(async () => {
    started = await startTestStack(options);
  }, 120_000);
  afterAll(() => started?.stop());
  return new Proxy({} as TestStack, {
    get(_target, key) {
      if (!started) throw new Error('the test stack is used before it started (use it inside a test)');
      return started[key as keyof TestStack];
    },
  });
}

/** Cluster 3's nine members in 2019 (as published), sorted by id. */
export const clusterThree2019 = [
  'bac-ninh',
  'ha-nam',
  'hai-duong',
  'hung-yen',
  'nam-dinh',
  'ninh-binh',
  'quang-ninh',
  'thai-binh',
  'vinh-phuc',
] as const;
