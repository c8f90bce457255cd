import 'reflect-metadata';
import { readIdentityConfig } from '@thidua/gateway';
import { defaultPorts, readFlag, readPort } from '@thidua/kit';
import { launch, serviceLines } from './launcher.js';

/**
 * `npm start`: the whole federation on one machine. Without DATABASE_URL it
 * runs an embedded PostgreSQL whose data lives in DATA_DIR (default .data/).
 */
void launch({
  name: 'thidua',
  dataFolder: 'postgres',
  defaultPostgresPort: 54329,
  stack: (env) => ({
    host: env.HOST || '0.0.0.0',
    databasePrefix: env.DATABASE_PREFIX || 'thidua',
    demo: readFlag(env, 'SEED_DEMO', true),
    identity: readIdentityConfig(env),
    ports: {
      gateway: readPort(env, 'PORT', defaultPorts.gateway),
      provinces: readPort(env, 'PROVINCES_PORT', defaultPorts.provinces),
      awards: readPort(env, 'AWARDS_PORT', defaultPorts.awards),
      metrics: readPort(env, 'METRICS_PORT', defaultPorts.metrics),
    },
  }),
  banner: (stack, databaseUrl, embedded) => [
    'thidua is running:',
    ...serviceLines(stack, databaseUrl, embedded),
    'Ctrl-C stops everything.',
  ],
});
