import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { viewerFromHeader, type Viewer } from './auth.js';
import type { AuthConfig } from './config.js';
import { maskError, unauthenticated } from './errors.js';
import { listen, localUrl } from './http.js';
import type { Logger } from './logger.js';

/** What every resolver gets; services extend it with their loaders. */
export interface BaseContext {
  viewer: Viewer | null;
  logger: Logger;
  requestId: string;
  /** Set on a provincial node: the province it keeps (see node-mode.ts). */
  node?: { province: string };
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  auth: AuthConfig;
  logger: Logger;
  port: number;
  host?: string;
  /** Set on a provincial node; copied into every request's context. */
  node?: { province: string };
  /** Adds per-request state (DataLoaders) to the base context. */
  context: (base: BaseContext) => TContext;
  /** Throws when the service cannot serve (e.g. its database is down). */
  healthCheck: () => Promise<void>;
  /** Releases what the service holds (database pools), after the server drained. */
  onStop?: () => Promise<void>;
}

export interface RunningServer {
  name: string;
  port: number;
  /** The GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a subgraph over HTTP: POST /graphql and GET /health. Tokens are
 * verified here as well as at the gateway, so a subgraph reached directly
 * (a provincial network, a misrouted request) enforces the same rules.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningServer> {
  const { name, schema, auth, logger } = options;
  const host = options.host ?? '0.0.0.0';
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const apollo = new ApolloServer<TContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The process owner (standalone entry or launcher) decides when to stop.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      maskError(formatted, error, (internal) => logger.error({ err: internal }, 'unexpected error')),
    // Cache hints are unused (the gateway keeps its own cache), and the default cache-control
    // plugin wraps every resolver: without it a large answer costs about a third less CPU.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await options.healthCheck();
      res.json({ status: 'ok', service: name });
    } catch (error) {
      logger.warn({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', service: name });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const viewer = await viewerFromHeader(auth.authSecret, req.headers.authorization).catch((error) => {
          throw withStatus(error, 401);
        });
        if (auth.requireAuth && !viewer) throw withStatus(unauthenticated(), 401);
        const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        return options.context({ viewer, requestId, logger: logger.child({ requestId }), node: options.node });
      },
    }),
  );

  const port = await listen(httpServer, options.port, host);
  const url = localUrl(host, port, '/graphql');
  logger.info({ url }, `${name} subgraph ready`);
  return {
    name,
    port,
    url,
    stop: once(async () => {
      await apollo.stop();
      await options.onStop?.();
    }),
  };
}

/** Gives a GraphQL error raised before execution (e.g. in the context function) an HTTP status. */
export function withStatus<T extends Error>(error: T, status: number): T {
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
  if (extensions) extensions.http = { status };
  return error;
}

/** Runs `fn` the first time; later calls get the same promise (stopping twice is harmless). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
