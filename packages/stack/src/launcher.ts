import path from 'node:path';
import {
  ConfigError,
  createLogger,
  handleShutdown,
  readAuthConfig,
  readDatabaseUrl,
  readPort,
  type AuthConfig,
  type Logger,
} from '@thidua/kit';
import { readFilesConfig } from '@thidua/gateway';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { startStack, type Stack, type StackOptions } from './stack.js';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

type Env = Record<string, string | undefined>;

export interface LaunchOptions {
  name: string;
  /** Folder under DATA_DIR (default .data/) for the embedded cluster. */
  dataFolder: string;
  defaultPostgresPort: number;
  /** The stack's settings, given the environment, auth and the logger. */
  stack: (env: Env, auth: AuthConfig, logger: Logger) => Omit<StackOptions, 'databaseUrl' | 'auth' | 'logger'>;
  /** Lines printed once everything answers. */
  banner: (stack: Stack, databaseUrl: string, embedded: boolean) => string[];
}

/**
 * Runs a stack as a long-lived process: an embedded PostgreSQL unless
 * DATABASE_URL is set, every service, a banner, and an orderly stop on
 * SIGINT/SIGTERM (gateway, subgraphs, then Postgres).
 */
export async function launch(options: LaunchOptions): Promise<void> {
  const logger = createLogger(options.name);
  const env = process.env;
  let postgres: EmbeddedPostgres | undefined;
  try {
    const auth = readAuthConfig(env);
    if (auth.usingDevelopmentSecret) {
      logger.warn('AUTH_SECRET is not set: using the development secret (fine on a laptop only)');
    }
    const stackOptions = options.stack(env, auth, logger);
    let databaseUrl = readDatabaseUrl(env);
    if (!databaseUrl) {
      const dataDir = path.resolve(env.DATA_DIR || path.join(projectRoot, '.data'), options.dataFolder);
      postgres = await startEmbeddedPostgres({
        dataDir,
        port: readPort(env, 'EMBEDDED_PG_PORT', options.defaultPostgresPort),
        logger,
      });
      databaseUrl = postgres.url;
    }
    const files = readFilesConfig(env, projectRoot);
    const stack = await startStack({ files, ...stackOptions, databaseUrl, auth, logger });
    handleShutdown(logger, async () => {
      await stack.stop();
      await postgres?.stop();
    });
    process.stdout.write(['', ...options.banner(stack, databaseUrl, Boolean(postgres)), ''].join('\n') + '\n');
  } catch (error) {
    if (error instanceof ConfigError) logger.fatal(error.message);
    else logger.fatal({ err: error }, `${options.name} could not start`);
    await postgres?.stop();
    process.exit(1);
  }
}

/** The banner lines every launcher shares: where to point a browser and a client. */
export function serviceLines(stack: Stack, databaseUrl: string, embedded: boolean): string[] {
  const base = stack.gateway.url.replace(/\/graphql$/, '');
  return [
    `  dashboard   ${base}/`,
    `  GraphQL     ${stack.gateway.url}   (GraphiQL: ${base}/graphiql)`,
    `  health      ${base}/health`,
    ...Object.values(stack.subgraphs).map((s) => `  ${s.name.padEnd(11)} ${s.url}`),
    embedded ? `  postgres    ${databaseUrl}` : '  postgres    DATABASE_URL',
  ];
}
