import 'reflect-metadata';
import path from 'node:path';
import {
  ConfigError,
  createLogger,
  defaultPorts,
  handleShutdown,
  readAuthConfig,
  readDatabaseUrl,
  readFlag,
  readPort,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@thidua/kit';
import { startStack } from './stack.js';

const projectRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * `npm start`: the whole federation on one machine. Without DATABASE_URL it
 * runs an embedded PostgreSQL whose data lives in DATA_DIR (default .data/).
 */
async function main(): Promise<void> {
  const logger = createLogger('thidua');
  const env = process.env;
  let postgres: EmbeddedPostgres | undefined;
  try {
    const auth = readAuthConfig(env);
    if (auth.usingDevelopmentSecret)
      logger.warn('AUTH_SECRET is not set: using the development secret (fine on a laptop only)');
    let databaseUrl = readDatabaseUrl(env);
    if (!databaseUrl) {
      const dataDir = path.resolve(env.DATA_DIR || path.join(projectRoot, '.data'), 'postgres');
      postgres = await startEmbeddedPostgres({ dataDir, port: readPort(env, 'EMBEDDED_PG_PORT', 54329), logger });
      databaseUrl = postgres.url;
    }
    const stack = await startStack({
      databaseUrl,
      auth,
      logger,
      host: env.HOST || '0.0.0.0',
      demo: readFlag(env, 'SEED_DEMO', true),
      ports: {
        gateway: readPort(env, 'PORT', defaultPorts.gateway),
        provinces: readPort(env, 'PROVINCES_PORT', defaultPorts.provinces),
        awards: readPort(env, 'AWARDS_PORT', defaultPorts.awards),
        metrics: readPort(env, 'METRICS_PORT', defaultPorts.metrics),
      },
    });
    handleShutdown(logger, async () => {
      await stack.stop();
      await postgres?.stop();
    });
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    process.stdout.write(
      [
        '',
        'thidua is running:',
        `  dashboard   ${base}/`,
        `  GraphQL     ${stack.gateway.url}   (GraphiQL: ${base}/graphiql)`,
        `  health      ${base}/health`,
        ...Object.values(stack.subgraphs).map((s) => `  ${s.name.padEnd(11)} ${s.url}`),
        postgres ? `  postgres    ${databaseUrl}` : '  postgres    DATABASE_URL',
        'Ctrl-C stops everything.',
        '',
      ].join('\n') + '\n',
    );
  } catch (error) {
    if (error instanceof ConfigError) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'thidua could not start');
    await postgres?.stop();
    process.exit(1);
  }
}

void main();
