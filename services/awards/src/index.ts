import 'reflect-metadata';
import { ConfigError, createLogger, defaultPorts, serveStandalone } from '@thidua/kit';
import { readAwardsConfig } from './config.js';
import { createAwardsSubgraph } from './subgraph.js';

try {
  const config = readAwardsConfig(process.env);
  void serveStandalone(
    createAwardsSubgraph({ provincesUrl: config.provincesUrl, authSecret: config.auth.authSecret }),
    defaultPorts.awards,
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  createLogger('awards').fatal(error.message);
  process.exit(1);
}
