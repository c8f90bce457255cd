import {
  ConfigError,
  createLogger,
  handleShutdown,
  readDatabaseUrl,
  readFlag,
  tellSupervisorServing,
} from '@thidua/kit';
import { readIdentityConfig } from './auth/config.js';
import { readGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  try {
    const config = readGatewayConfig(process.env);
    if (config.auth.usingDevelopmentSecret) logger.warn('AUTH_SECRET is not set: using the development secret');
    const databaseUrl = readDatabaseUrl(process.env);
    if (!databaseUrl) {
      throw new ConfigError(
        'DATABASE_URL is not set: the gateway keeps accounts and sessions in its own database (thidua_gateway) ' +
          'on that Postgres server',
      );
    }
    const gateway = await startGateway({
      ...config,
      logger,
      accounts: {
        databaseUrl,
        database: process.env.DATABASE_NAME || undefined,
        demo: readFlag(process.env, 'SEED_DEMO', false),
        config: readIdentityConfig(process.env),
      },
    });
    // How to sign in: the demo accounts, or how to create the first admin (npm start shows it just above its banner).
    for (const notice of gateway.notices) process.stdout.write(`\n${notice}\n`);
    handleShutdown(logger, () => gateway.stop());
    tellSupervisorServing(gateway.port);
  } catch (error) {
    if (error instanceof ConfigError) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'the gateway could not start');
    process.exit(1);
  }
}

void main();
