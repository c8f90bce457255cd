import { ConfigError, createLogger, handleShutdown } from '@thidua/kit';
import { readGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  try {
    const config = readGatewayConfig(process.env);
    if (config.auth.usingDevelopmentSecret) logger.warn('AUTH_SECRET is not set: using the development secret');
    const gateway = await startGateway({ ...config, logger });
    handleShutdown(logger, () => gateway.stop());
  } catch (error) {
    if (error instanceof ConfigError) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'the gateway could not start');
    process.exit(1);
  }
}

void main();
