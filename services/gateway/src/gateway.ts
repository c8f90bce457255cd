import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import {
  identityScopePlugin,
  inputScalars,
  jsonErrorHandler,
  jsonNotFound,
  listen,
  localUrl,
  localizedErrorsPlugin,
  maskError,
  once,
  stripSuggestions,
  requestPolicy,
  type AuthConfig,
  type Logger,
  type RunningServer,
} from '@thidua/kit';
import {
  defaultCallSettings,
  defaultLimits,
  defaultMaxFileBytes,
  subgraphNames,
  type CallSettings,
  type QueryLimits,
  type SubgraphName,
} from './config.js';
import type { GatewayContext } from './context.js';
import { diskFileStore } from './files-store/file-store.js';
import { filesRouter as fileStoreRouter } from './files-store/files.routes.js';
import { resolveCaller } from './auth/caller.js';
import { startIdentity, type AccountsOptions } from './auth/identity.js';
import { graphiqlRouter } from './graphiql/graphiql.js';
import { responseLimits } from './limits.js';
import { graphqlHandler } from './graphql-handler.js';
import { checkSubgraphs } from './health.js';
import { filesRouter } from './files/router.js';
import { createMetrics, metricsHandler } from './metrics.js';
import { ResponseCache, responseCachePlugin } from './response-cache.js';
import { SubgraphClient } from './subgraph-fetch.js';
import { SubgraphSource } from './subgraph-source.js';
import { WriteEpoch, writeEpochPlugin } from './write-epoch.js';

export { readFilesConfig } from './config.js';
export * from './accounts/public.js';
export { readIdentityConfig, type IdentityConfig } from './auth/config.js';

const packageRoot = path.join(__dirname, '..');

/** The committed supergraph (regenerate with `npm run compose`). */
export const supergraphPath = path.join(packageRoot, 'supergraph.graphql');

/**
 * Where the built dashboard lives: `DASHBOARD_DIR` when set, else the
 * `dist/` of the @thidua/dashboard workspace. The package is found by
 * resolution only: the gateway serves its files and never imports its code.
 */
export function defaultDashboardDir(dashboardDir?: string): string | undefined {
  if (dashboardDir) return path.resolve(dashboardDir);
  try {
    return path.join(path.dirname(require.resolve('@thidua/dashboard/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/** Paths the dashboard's client-side routing must never answer for. */
const reservedPaths = ['/graphql', '/graphiql', '/health', '/metrics', '/files', '/import', '/export', '/auth'];

/**
 * The dashboard may talk to this server only; the policy makes a stray
 * third-party URL (a CDN font, an image) fail in the browser as well as in review.
 */
const dashboardSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Serves the built single-page dashboard: hashed assets cached for good,
 * index.html revalidated, and any other page path answered with index.html so
 * client-side routes survive a reload. Reserved paths and missing files with
 * an extension stay 404.
 */
function dashboardRouter(dir: string, logger: Logger): express.Router {
  const router = express.Router();
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn({ dir }, 'the dashboard is not built (npm run build builds it); / answers 404');
    router.get('/', (_req, res) => {
      res.status(404).type('text').send('The dashboard is not built: run `npm run build`, then restart.\n');
    });
    return router;
  }
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', dashboardSecurityPolicy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(
    express.static(dir, {
      index: 'index.html',
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    const reserved = reservedPaths.some((p) => req.path === p || req.path.startsWith(`${p}/`));
    if (reserved || path.extname(req.path) || req.accepts(['html', 'json']) !== 'html') {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  auth: AuthConfig;
  logger: Logger;
  /** Where each subgraph answers; missing ones use the supergraph's URLs. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  limits?: QueryLimits;
  /** Timeouts, circuit breakers and the response cache; defaults in config.ts. */
  calls?: Partial<CallSettings>;
  /** Defaults to the committed supergraph.graphql. */
  supergraphSdl?: string;
  /** A dashboard build to serve at `/` instead of @thidua/dashboard's (see {@link defaultDashboardDir}). */
  dashboardDir?: string;
  /** Where uploaded files are kept (POST /files); without it the file routes are not served. */
  files?: { dir: string; maxBytes?: number };
  /** Largest upload for /import (default files/router.ts DEFAULT_IMPORT_MAX_BYTES). */
  importMaxBytes?: number;
  /** Accounts, sessions and API tokens: the gateway's own database (docs/accounts.md). */
  accounts: AccountsOptions;
}

export interface RunningGateway extends RunningServer {
  /** Lines for the start banner, e.g. how to create the first admin. */
  notices: string[];
}

/** URLs the supergraph file names for each subgraph. */
function supergraphUrls(sdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of sdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g)) {
    urls[match[1]] = match[2];
  }
  return urls;
}

/**
 * The public entry point: composes the subgraphs (from the committed
 * supergraph), checks tokens, limits depth and cost, and serves GraphiQL,
 * the dashboard, /health and /metrics.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { auth, logger } = options;
  const host = options.host ?? '0.0.0.0';
  const limits = options.limits ?? defaultLimits;
  const supergraphSdl = options.supergraphSdl ?? readFileSync(supergraphPath, 'utf8');
  const urls: Record<string, string> = { ...supergraphUrls(supergraphSdl), ...options.subgraphUrls };
  for (const name of subgraphNames) {
    if (!urls[name]) throw new Error(`the supergraph has no subgraph "${name}"; run npm run compose`);
  }

  const identity = await startIdentity({ ...options.accounts, auth, logger });
  urls.accounts = identity.url;
  const calls = { ...defaultCallSettings, ...options.calls };
  const epoch = new WriteEpoch();
  const cache = new ResponseCache(
    { ttlMs: calls.responseCacheTtlMs, maxBytes: calls.responseCacheMaxMb * 1024 * 1024 },
    epoch,
  );
  const clients = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      name,
      new SubgraphClient({
        url,
        timeoutMs: calls.subgraphTimeoutMs,
        breaker: { failures: calls.breakerFailures, resetMs: calls.breakerResetMs },
      }),
    ]),
  );

  const app = express();
  app.disable('x-powered-by');
  // No hash of every JSON answer: GraphQL GETs get a strong ETag where they may be cached (graphql-handler.ts).
  app.set('etag', false);
  identity.mount(app);
  const httpServer = createServer(app);
  const metrics = createMetrics(clients);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new SubgraphSource(name, clients[name], epoch),
    logger: {
      debug: (message) => logger.debug(String(message)),
      info: (message) => logger.info(String(message)),
      warn: (message) => logger.warn(String(message)),
      error: (message) => logger.error(String(message)),
    },
  });
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: 20 },
    // Parsing counts tokens itself (parseOptions): armor's count answers a syntax error with a 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  // The supergraph knows Date, DateTime and JSONObject by name only: the policy checks them with the kit's.
  const policy = requestPolicy<GatewayContext>({ opaqueScalars: inputScalars });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: auth.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    parseOptions: policy.parseOptions,
    validationRules: [...protection.validationRules, ...policy.validationRules],
    formatError: (formatted, error) => {
      const masked = maskError(formatted, error, (internal) => logger.error({ err: internal }, 'unexpected error'));
      return auth.suggestions === false ? stripSuggestions(masked) : masked;
    },
    plugins: [
      ...protection.plugins,
      responseLimits(limits),
      ...policy.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      identityScopePlugin(),
      metrics.plugin,
      writeEpochPlugin(epoch),
      responseCachePlugin(),
      // BAD_USER_INPUT in Vietnamese when the request asks for it (Accept-Language: vi).
      localizedErrorsPlugin(),
    ],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    const subgraphs = await checkSubgraphs(urls);
    const ok = subgraphs.every((s) => s.status === 'ok');
    const circuits = Object.fromEntries(Object.entries(clients).map(([name, c]) => [name, c.breaker.state]));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', subgraphs, circuits });
  });
  app.get('/metrics', metricsHandler(metrics, auth, urls));
  app.use('/graphiql', graphiqlRouter());
  // A browser opening /graphql gets GraphiQL rather than a JSON error.
  app.get('/graphql', (req, res, next) => {
    if (!req.query.query && req.accepts(['json', 'html']) === 'html') res.redirect('/graphiql');
    else next();
  });
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    graphqlHandler({ apollo, auth, logger, cache, epoch, identify: resolveCaller, onCache: metrics.onCache }),
  );
  if (options.files) {
    const store = diskFileStore(options.files.dir);
    const maxBytes = options.files.maxBytes ?? defaultMaxFileBytes;
    app.use(fileStoreRouter({ store, maxBytes, auth, awardsUrl: urls.awards, logger }));
    logger.info({ dir: store.describe(), maxBytes }, 'files are kept on disk');
  }
  app.use(filesRouter({ apollo, auth, logger, importMaxBytes: options.importMaxBytes }));
  const dashboardDir = defaultDashboardDir(options.dashboardDir);
  if (dashboardDir) app.use(dashboardRouter(dashboardDir, logger));
  else logger.warn('no dashboard found (@thidua/dashboard is not installed and DASHBOARD_DIR is unset)');
  app.use(jsonNotFound(), jsonErrorHandler(logger));

  const port = await listen(httpServer, options.port, host);
  const url = localUrl(host, port, '/graphql');
  logger.info({ url }, 'gateway ready');
  return {
    name: 'gateway',
    port,
    url,
    notices: identity.notices,
    stop: once(async () => {
      await apollo.stop();
      await Promise.all(Object.values(clients).map((c) => c.close()));
      await identity.stop();
    }),
  };
}
