import path from 'node:path';
import {
  ConfigError,
  createLogger,
  handleShutdown,
  localUrl,
  readAuthConfig,
  readDatabaseUrl,
  readPort,
  type AuthConfig,
} from '@thidua/kit';
import { readFilesConfig } from '@thidua/gateway';
import { freePort } from '@thidua/kit/testing';
import { prepareEmbeddedPostgres, type PreparedPostgres } from './embedded-postgres.js';
import { Supervisor, type ChildSpec } from './supervisor.js';
import { postgresSpec, projectRoot, serviceSpec, serviceTiers, type ServiceName } from './supervisor-children.js';

export { projectRoot };

type Env = Record<string, string | undefined>;

/** What a launcher reads from its environment and command line. */
export interface LaunchSettings {
  /** Where the gateway listens (HOST); the subgraphs always listen on loopback. */
  gatewayHost: string;
  /** Prefix of the database names (`thidua` → thidua_provinces, …, and the gateway's thidua_gateway). */
  databasePrefix: string;
  demo: boolean;
  /** 0 picks a free port. */
  ports: Record<ServiceName, number>;
  /** More environment for the subgraphs (a provincial node's settings). */
  subgraphEnv?: Record<string, string | undefined>;
}

export interface LaunchOptions {
  name: string;
  /** Folder under DATA_DIR (default .data/) for the embedded cluster. */
  dataFolder: string;
  defaultPostgresPort: number;
  settings: (env: Env, auth: AuthConfig) => LaunchSettings;
  /** Lines printed once everything serves. */
  banner: (urls: ServiceUrls) => string[];
}

export interface ServiceUrls {
  gateway: string;
  subgraphs: Record<Exclude<ServiceName, 'gateway'>, string>;
  /** The embedded server's URL, or undefined with DATABASE_URL. */
  postgres?: string;
}

/**
 * What a service must not inherit from the launcher's own environment: its
 * settings are given one by one below, as docker-compose.yml gives them.
 */
const launcherOnly = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_NAME',
  'DATABASE_PREFIX',
  'SEED_DEMO',
  'PROVINCES_URL',
  'AWARDS_URL',
  'METRICS_URL',
  'PROVINCES_PORT',
  'AWARDS_PORT',
  'METRICS_PORT',
  'EMBEDDED_PG_PORT',
  'DATA_DIR',
  'NODE_PROVINCE',
  'UPSTREAM_URL',
  'NODE_TOKEN',
  'EXCHANGE_INTERVAL_MS',
  'EXCHANGE_BATCH_SIZE',
];

function definedOnly(values: Record<string, string | undefined> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * Runs the federation as a supervisor of child processes: an embedded
 * PostgreSQL unless DATABASE_URL is set, then provinces, awards and metrics,
 * then the gateway, each its own process running its standalone program. A
 * crashed child is restarted (see supervisor.ts); SIGINT/SIGTERM stops the
 * gateway, the subgraphs, then Postgres.
 */
export async function launch(options: LaunchOptions): Promise<void> {
  // Synchronous: the banner goes to stdout after the last start-up line, never before it.
  const logger = createLogger(options.name, { sync: true });
  const env = process.env;
  // Set once a signal asked to stop: a start cut short by it is not a failure.
  let stopping = false;
  try {
    const auth = readAuthConfig(env);
    if (auth.usingDevelopmentSecret) {
      logger.warn('AUTH_SECRET is not set: using the development secret (fine on a laptop only)');
    }
    const settings = options.settings(env, auth);
    const ports = { ...settings.ports };
    for (const name of Object.keys(ports) as ServiceName[]) ports[name] ||= await freePort();

    let postgres: PreparedPostgres | undefined;
    let databaseUrl = readDatabaseUrl(env);
    if (!databaseUrl) {
      const dataDir = path.resolve(env.DATA_DIR || path.join(projectRoot, '.data'), options.dataFolder);
      postgres = await prepareEmbeddedPostgres({
        dataDir,
        port: readPort(env, 'EMBEDDED_PG_PORT', options.defaultPostgresPort),
        logger,
      });
      databaseUrl = postgres.url;
    }

    const inherited: NodeJS.ProcessEnv = { ...env, AUTH_SECRET: auth.authSecret };
    for (const key of launcherOnly) delete inherited[key];
    const subgraphUrl = (name: ServiceName) => `http://127.0.0.1:${ports[name]}/graphql`;
    const subgraphs = serviceTiers[0].map((name) =>
      serviceSpec(
        name,
        {
          ...inherited,
          ...definedOnly(settings.subgraphEnv),
          PORT: String(ports[name]),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          DATABASE_NAME: `${settings.databasePrefix}_${name}`,
          SEED_DEMO: settings.demo ? '1' : '0',
          // Each subgraph may link to any other (service links, docs/architecture.md).
          ...Object.fromEntries(
            serviceTiers[0]
              .filter((peer) => peer !== name)
              .map((peer) => [`${peer.toUpperCase()}_URL`, subgraphUrl(peer)]),
          ),
        },
        ports[name],
      ),
    );
    const gateway = serviceSpec(
      'gateway',
      {
        ...inherited,
        PORT: String(ports.gateway),
        HOST: settings.gatewayHost,
        PROVINCES_URL: subgraphUrl('provinces'),
        AWARDS_URL: subgraphUrl('awards'),
        METRICS_URL: subgraphUrl('metrics'),
        // Accounts, sessions and API tokens: the gateway's own database (docs/accounts.md).
        DATABASE_URL: databaseUrl,
        DATABASE_NAME: `${settings.databasePrefix}_gateway`,
        SEED_DEMO: settings.demo ? '1' : '0',
        // Uploaded files (POST /files): FILES_DIR, else DATA_DIR/files, resolved here as the launcher sees them.
        FILES_DIR: readFilesConfig(env, projectRoot).dir,
      },
      ports.gateway,
    );
    const tiers: ChildSpec[][] = [subgraphs, [gateway]];
    if (postgres) tiers.unshift([postgresSpec(postgres)]);
    const supervisor = new Supervisor(tiers, { logger });
    const stop = handleShutdown(logger, () => {
      stopping = true;
      return supervisor.stop();
    });
    process.once('SIGHUP', () => void stop());

    await supervisor.start();
    const urls: ServiceUrls = {
      gateway: localUrl(settings.gatewayHost, ports.gateway, '/graphql'),
      subgraphs: {
        provinces: subgraphUrl('provinces'),
        awards: subgraphUrl('awards'),
        metrics: subgraphUrl('metrics'),
      },
      postgres: postgres?.url,
    };
    process.stdout.write(['', ...options.banner(urls), ''].join('\n') + '\n');
  } catch (error) {
    if (stopping) return;
    if (error instanceof ConfigError) logger.fatal(error.message);
    else logger.fatal({ err: error }, `${options.name} could not start`);
    process.exit(1);
  }
}

/** The banner lines every launcher shares: where to point a browser and a client. */
export function serviceLines(urls: ServiceUrls): string[] {
  const base = urls.gateway.replace(/\/graphql$/, '');
  return [
    `  dashboard   ${base}/`,
    `  GraphQL     ${urls.gateway}   (GraphiQL: ${base}/graphiql)`,
    `  health      ${base}/health`,
    ...Object.entries(urls.subgraphs).map(([name, url]) => `  ${name.padEnd(11)} ${url}   (loopback only)`),
    urls.postgres ? `  postgres    ${urls.postgres}` : '  postgres    DATABASE_URL',
    '  Each service is its own process; a crashed one is restarted.',
  ];
}
