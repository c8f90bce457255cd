import { ConfigError, readAuthConfig, readDatabaseUrl, readFlag, readPort, type AuthConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { defaultPorts } from './ports.js';
import { configureReferenceData, referenceData } from './reference/index.js';
import { declaredLinks, runSubgraph, type SubgraphDefinition } from './service.js';
import type { BaseContext } from './subgraph-server.js';

type Env = Record<string, string | undefined>;

/** A subgraph's settings when it runs as its own process (one container each). */
export interface SubgraphConfig {
  port: number;
  host: string;
  databaseUrl: string;
  database?: string;
  auth: AuthConfig;
  seedDemo: boolean;
  /** REFERENCE_DIR: reference CSVs to use instead of those shipped with the kit. */
  referenceDir?: string;
}

/** Reads PORT, HOST, DATABASE_URL, DATABASE_NAME, AUTH_SECRET, REQUIRE_AUTH, SEED_DEMO, REFERENCE_DIR. */
export function readSubgraphConfig(env: Env, defaultPort: number): SubgraphConfig {
  const databaseUrl = readDatabaseUrl(env);
  if (!databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is not set: point it at a Postgres server (postgres://user:password@host:5432/postgres), ' +
        'or run the whole federation with `npm start`, which starts an embedded Postgres',
    );
  }
  return {
    port: readPort(env, 'PORT', defaultPort),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    database: env.DATABASE_NAME || undefined,
    auth: readAuthConfig(env),
    seedDemo: readFlag(env, 'SEED_DEMO', false),
    referenceDir: env.REFERENCE_DIR || undefined,
  };
}

/** `<NAME>_URL` for each linked subgraph (e.g. PROVINCES_URL; default its local port), checked for shape. */
export function readLinkUrls(env: Env, names: readonly string[]): Record<string, string | undefined> {
  const urls: Record<string, string | undefined> = {};
  for (const name of names) {
    const variable = `${name.toUpperCase()}_URL`;
    const port = (defaultPorts as Record<string, number | undefined>)[name];
    const raw = env[variable] || (port ? `http://localhost:${port}/graphql` : undefined);
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`${variable}=${raw} is not a URL; expected e.g. http://${name}:4001/graphql`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(`${variable} must start with http:// or https://, got ${url.protocol}//`);
    }
    urls[name] = raw;
  }
  return urls;
}

/**
 * Stops everything on SIGINT/SIGTERM, once; a second signal exits at once.
 * Returns a function that runs the same shutdown from code.
 */
export function handleShutdown(logger: Logger, stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= stop().then(
      () => logger.info('stopped'),
      (error) => {
        logger.error({ err: error }, 'error while stopping');
        process.exitCode = 1;
      },
    );
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn(`${signal} again: exiting now`);
        process.exit(130);
      }
      logger.info(`${signal}: stopping`);
      void shutdown();
    });
  }
  return shutdown;
}

/** The body of a subgraph's `src/index.ts`: configure from the environment, serve, stop on signal. */
export async function serveStandalone<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  defaultPort: number,
): Promise<void> {
  const env = process.env;
  const logger = createLogger(definition.name);
  try {
    const config = readSubgraphConfig(env, defaultPort);
    configureReferenceData(config.referenceDir);
    if (config.auth.usingDevelopmentSecret) logger.warn('AUTH_SECRET is not set: using the development secret');
    const server = await runSubgraph(definition, {
      databaseUrl: config.databaseUrl,
      database: config.database,
      port: config.port,
      host: config.host,
      auth: config.auth,
      logger,
      demo: config.seedDemo,
      reference: referenceData(),
      linkUrls: readLinkUrls(env, Object.keys(declaredLinks(definition))),
    });
    handleShutdown(logger, () => server.stop());
  } catch (error) {
    if (error instanceof ConfigError) logger.fatal(error.message);
    else logger.fatal({ err: error }, `${definition.name} could not start`);
    process.exit(1);
  }
}
