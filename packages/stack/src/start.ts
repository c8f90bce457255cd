import { defaultPorts, readFlag, readPort } from '@thidua/kit';
import { launch, serviceLines } from './launcher.js';

/**
 * `npm start`: the whole federation on one machine, each service its own
 * process under a supervisor. Without DATABASE_URL it runs an embedded
 * PostgreSQL whose data lives in DATA_DIR (default .data/).
 */
void launch({
  name: 'thidua',
  dataFolder: 'postgres',
  defaultPostgresPort: 54329,
  settings: (env) => ({
    gatewayHost: env.HOST || '0.0.0.0',
    databasePrefix: env.DATABASE_PREFIX || 'thidua',
    demo: readFlag(env, 'SEED_DEMO', true),
    ports: {
      gateway: readPort(env, 'PORT', defaultPorts.gateway),
      provinces: readPort(env, 'PROVINCES_PORT', defaultPorts.provinces),
      awards: readPort(env, 'AWARDS_PORT', defaultPorts.awards),
      metrics: readPort(env, 'METRICS_PORT', defaultPorts.metrics),
    },
  }),
  banner: (urls) => ['thidua is running:', ...serviceLines(urls), 'Ctrl-C stops everything.'],
});
