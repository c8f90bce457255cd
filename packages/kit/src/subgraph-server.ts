import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type GraphQLSchema } from 'graphql';
import { isService, viewerFromHeader, type Viewer } from './auth.js';
import type { AuthConfig } from './config.js';
import { forbidden, maskError, unauthenticated } from './errors.js';
import { jsonErrorHandler, jsonNotFound, requestPolicy, SUBGRAPH_MAX_TOKENS } from './graphql-over-http.js';
import { listen, localUrl } from './http.js';
import type { ServiceLinks } from './links.js';
import type { Logger } from './logger.js';
import type { ReferenceData } from './reference/index.js';

/** What every resolver gets; services extend it with their loaders. */
export interface BaseContext {
  viewer: Viewer | null;
  logger: Logger;
  requestId: string;
  /** Set on a provincial node: the province it keeps (see node-mode.ts). */
  node?: { province: string };
  /** National reference data (provinces, lineage), one instance per process. */
  reference: ReferenceData;
  /** The other subgraphs this one may ask during a write, with its service identity. */
  links: ServiceLinks;
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
  reference: ReferenceData;
  links: ServiceLinks;
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
  const policy = requestPolicy<TContext>({ maxTokens: SUBGRAPH_MAX_TOKENS });

  const apollo = new ApolloServer<TContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: policy.parseOptions,
    validationRules: policy.validationRules,
    // The process owner (standalone entry or launcher) decides when to stop.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      maskError(formatted, error, (internal) => logger.error({ err: internal }, 'unexpected error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      serviceScopePlugin<TContext>(),
      ...policy.plugins,
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
        const viewer = await viewerFromHeader(auth.authSecret, req.headers.authorization, {
          allowService: true,
        }).catch((error) => {
          throw withStatus(error, 401);
        });
        if (auth.requireAuth && !viewer) throw withStatus(unauthenticated(), 401);
        const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        return options.context({
          viewer,
          requestId,
          logger: logger.child({ requestId, ...callerFields(viewer) }),
          node: options.node,
          reference: options.reference,
          links: options.links,
        });
      },
    }),
  );

  app.use(jsonNotFound(), jsonErrorHandler(logger));

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

/** How a caller appears in log lines: services and people under different keys, never mixed. */
function callerFields(viewer: Viewer | null): Record<string, string> {
  if (!viewer) return {};
  if (isService(viewer)) return { service: viewer.sub };
  return { user: viewer.sub, role: viewer.role };
}

/**
 * A service identity runs queries on the root fields its token names and
 * nothing else: no mutation, no other field (least privilege).
 */
function serviceScopePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const viewer = contextValue.viewer;
          if (!viewer || !isService(viewer) || !operation) return;
          if (operation.operation !== 'query') {
            throw forbidden(`${viewer.sub} is a service identity: it may not run a ${operation.operation}`);
          }
          const allowed = new Set(viewer.scope ?? []);
          for (const selection of operation.selectionSet.selections) {
            const name = selection.kind === Kind.FIELD ? selection.name.value : undefined;
            if (name === '__typename') continue;
            if (!name || !allowed.has(name)) {
              throw forbidden(`${viewer.sub} may read ${[...allowed].join(', ')} only, not ${name ?? 'fragments'}`);
            }
          }
        },
      };
    },
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
