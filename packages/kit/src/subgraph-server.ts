import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type GraphQLSchema } from 'graphql';
import { isNode, isService, viewerFromHeader, type Viewer } from './auth.js';
import { tokenRules, type AuthConfig } from './config.js';
import { compiledSchemaGateway } from './executor.js';
import { forbidden, maskError, stripSuggestions, unauthenticated } from './errors.js';
import { localizedErrorsPlugin } from './messages.js';
import {
  answerRequestError,
  jsonErrorHandler,
  jsonNotFound,
  requestPolicy,
  SUBGRAPH_MAX_TOKENS,
} from './graphql-over-http.js';
import { graphqlPostHandler } from './graphql-post.js';
import { listen, localUrl } from './http.js';
import type { ServiceLinks } from './links.js';
import type { Logger } from './logger.js';
import type { ReferenceData } from './reference/index.js';
import { operationLimitsPlugin } from './query-limits-plugin.js';
import { defaultOperationLimits, subgraphLimits, type OperationLimits } from './query-limits.js';

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
  /** Largest request body /graphql accepts (default 2mb). */
  bodyLimit?: string;
  /** Adds per-request state (DataLoaders) to the base context. */
  context: (base: BaseContext) => TContext;
  /**
   * Throws when the service cannot serve (e.g. its database is down); may
   * return details to show beside the status (e.g. a node's exchange).
   */
  healthCheck: () => Promise<void | Record<string, unknown>>;
  /** Releases what the service holds (database pools), after the server drained. */
  onStop?: () => Promise<void>;
  /** Depth, aliases, repeats and response size (default: the gateway's defaults, with room for the planner). */
  limits?: OperationLimits;
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
  // Answers are POSTs a gateway reads once: a hash of every body (express's weak ETag) is CPU for nothing.
  app.set('etag', false);
  // POST /graphql with a JSON body skips Express (graphql-post.ts); the rest is the Express app below.
  let serve: (req: IncomingMessage, res: ServerResponse) => void = app;
  const httpServer = createServer((req, res) => serve(req, res));
  const policy = requestPolicy<TContext>({ maxTokens: SUBGRAPH_MAX_TOKENS });

  // A subgraph may be reached directly (a misrouted request, a provincial network):
  // it refuses what the gateway would, and stops a response that grows too large.
  const limits = options.limits ?? subgraphLimits(defaultOperationLimits);
  const apollo = new ApolloServer<TContext>({
    // Operations run compiled (graphql-jit), through Apollo Server's one way to take an executor: see executor.ts.
    gateway: compiledSchemaGateway<TContext>(schema, {
      onFallback: (reason, operationName) => logger.debug({ operationName, reason }, 'operation runs uncompiled'),
    }),
    introspection: auth.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    parseOptions: policy.parseOptions,
    validationRules: policy.validationRules,
    // The process owner (standalone entry or launcher) decides when to stop.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => {
      const masked = maskError(
        formatted,
        error,
        (internal) => logger.error({ err: internal }, 'unexpected error'),
        name,
      );
      if (masked.extensions?.code === 'SERVICE_UNAVAILABLE' && masked.extensions.serviceName === name) {
        logger.warn({ err: error }, 'the database did not answer');
      }
      return auth.suggestions === false ? stripSuggestions(masked) : masked;
    },
    // Cache hints are unused (the gateway keeps its own cache), and the default cache-control
    // plugin wraps every resolver: without it a large answer costs about a third less CPU.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      identityScopePlugin<TContext>(),
      operationLimitsPlugin<TContext>(limits, { countActual: true }),
      ...policy.plugins,
      localizedErrorsPlugin<TContext>(),
    ],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      const details = await options.healthCheck();
      res.json({ status: 'ok', service: name, ...details });
    } catch (error) {
      logger.warn({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', service: name });
    }
  });
  const context = async (req: IncomingMessage): Promise<TContext> => {
    const viewer = await viewerFromHeader(auth.authSecret, req.headers.authorization, {
      ...tokenRules(auth),
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
  };
  const jsonBody = express.json({ limit: options.bodyLimit ?? '2mb' });
  app.use('/graphql', jsonBody, expressMiddleware(apollo, { context: ({ req }) => context(req) }));
  app.use(jsonNotFound(), jsonErrorHandler(logger));
  serve = graphqlPostHandler({
    apollo,
    jsonBody,
    context,
    onError: (error, req, res) => answerRequestError(logger, error, req, res),
    otherwise: app,
  });

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
  if (isNode(viewer)) return { node: viewer.sub };
  return { user: viewer.sub, role: viewer.role };
}

/**
 * Least privilege for identities that are not people. A service runs queries
 * on the root fields its token names and nothing else. A node credential runs
 * mutations only (each refuses it but the exchange receivers, which check it
 * against the registry): never a query, so a made-up credential cannot pass
 * for a token where REQUIRE_AUTH=1 closes reads.
 */
export function identityScopePlugin<TContext extends { viewer: Viewer | null }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const viewer = contextValue.viewer;
          if (!viewer || !operation) return;
          if (isNode(viewer)) {
            if (operation.operation !== 'mutation') {
              throw forbidden(`A node credential sends exchange records only: it may not run a ${operation.operation}`);
            }
            return;
          }
          if (!isService(viewer)) return;
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
