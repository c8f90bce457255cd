import { ConfigError, readAuthConfig, readDatabaseUrl, readFlag, readPort, type AuthConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { defaultPorts } from './ports.js';
import { configureReferenceData, referenceData } from './reference/index.js';
import { declaredLinks, runSubgraph, type SubgraphDefinition } from './service.js';
import type { NodeMode } from './node-mode.js';
import { readOperationLimits, subgraphLimits, type OperationLimits } from './query-limits.js';
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
  /** Set when NODE_PROVINCE is: this subgraph runs on a provincial node. */
  node?: NodeMode;
  /** From the gateway's MAX_QUERY_DEPTH, MAX_QUERY_ALIASES, MAX_FIELD_REPEATS, MAX_RESPONSE_SIZE. */
  limits: OperationLimits;
}

function readPositive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name}=${raw} must be a positive whole number`);
  return value;
}

/**
 * A provincial node's settings (docs/provincial-nodes.md), as `npm run node`
 * passes them to each subgraph: NODE_PROVINCE, UPSTREAM_URL, NODE_TOKEN,
 * EXCHANGE_INTERVAL_MS, EXCHANGE_BATCH_SIZE. Undefined without NODE_PROVINCE.
 */
export function readNodeMode(env: Env): NodeMode | undefined {
  const province = env.NODE_PROVINCE;
  if (!province) return undefined;
  const upstreamUrl = env.UPSTREAM_URL || undefined;
  const token = env.NODE_TOKEN || undefined;
  if (upstreamUrl && !token)
    throw new ConfigError('UPSTREAM_URL is set without NODE_TOKEN: the node needs its token for the cluster');
  return {
    province,
    upstreamUrl,
    token,
    intervalMs: readPositive(env, 'EXCHANGE_INTERVAL_MS', 5000),
    batchSize: readPositive(env, 'EXCHANGE_BATCH_SIZE', 200),
  };
}

/**
 * Reads PORT, HOST (default loopback: a deployment that reaches subgraphs over
 * a network says so), DATABASE_URL, DATABASE_NAME, AUTH_SECRET, REQUIRE_AUTH,
 * SEED_DEMO, REFERENCE_DIR, the node settings and the query limits.
 */
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
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    database: env.DATABASE_NAME || undefined,
    auth: readAuthConfig(env),
    seedDemo: readFlag(env, 'SEED_DEMO', false),
    referenceDir: env.REFERENCE_DIR || undefined,
    node: readNodeMode(env),
    limits: subgraphLimits(readOperationLimits(env)),
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
 * A process started by the `npm start` supervisor (with an IPC channel) also
 * stops when that channel closes: its supervisor is gone.
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
  if (process.send) {
    const orphaned = () => {
      logger.warn('the supervisor is gone: stopping');
      void shutdown();
    };
    if (!process.connected) orphaned();
    // The channel must not keep this process alive once its servers have stopped.
    process.channel?.unref();
    process.once('disconnect', orphaned);
  }
  return shutdown;
}

/**
 * What a service tells the process that started it (the `npm start`
 * supervisor, over its IPC channel) once its HTTP server listens, and on
 * which port. The supervisor counts a service as serving on this message
 * alone: "something answers on the port" would also be true of another
 * program that holds the port, while this service failed to bind it.
 */
export interface ServingMessage {
  thidua: 'serving';
  port: number;
}

export function isServingMessage(message: unknown): message is ServingMessage {
  const candidate = message as Partial<ServingMessage> | null;
  return typeof candidate === 'object' && candidate?.thidua === 'serving' && typeof candidate.port === 'number';
}

/** Sends {@link ServingMessage} when this process has a supervisor; a no-op otherwise (a container, a terminal). */
export function tellSupervisorServing(port: number): void {
  if (!process.send || !process.connected) return;
  const message: ServingMessage = { thidua: 'serving', port };
  process.send(message);
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
      node: config.node,
      limits: config.limits,
    });
    handleShutdown(logger, () => server.stop());
    tellSupervisorServing(server.port);
  } catch (error) {
    if (error instanceof ConfigError) logger.fatal(error.message);
    else logger.fatal({ err: error }, `${definition.name} could not start`);
    process.exit(1);
  }
}
