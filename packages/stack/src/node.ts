import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { decodeJwt } from 'jose';
import { readIdentityConfig } from '@thidua/gateway';
import { ConfigError, ProvinceRegistry, readPort } from '@thidua/kit';
import { launch, serviceLines } from './launcher.js';

const usage = `Runs a provincial node: this department's own subgraphs and gateway, whose data reaches the cluster.

  npm run node -- --province <id> [--upstream <cluster GraphQL URL>] [--token <node token>]

  --province   the province this node keeps (e.g. quang-ninh); it accepts writes for no other
  --upstream   the cluster gateway, e.g. https://cluster.example/graphql (env UPSTREAM_URL)
  --token      a province token for this province signed by the cluster (env NODE_TOKEN);
               the cluster's admin issues it: npm run token -- --role province --province <id> --sub node:<id>

Without --upstream the node keeps everything in its outbox until one is given.
Its data lives in .data/node-<province> (DATA_DIR moves it); its gateway listens on PORT (default 4100).`;

function readOptions(argv: string[], env: Record<string, string | undefined>) {
  const { values } = parseArgs({
    args: argv,
    options: {
      province: { type: 'string' },
      upstream: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const province = values.province ?? env.NODE_PROVINCE;
  if (!province) throw new ConfigError(`--province is required\n\n${usage}`);
  if (!new ProvinceRegistry().get(province)) throw new ConfigError(`--province ${province} is not a known province id`);
  const upstreamUrl = values.upstream ?? env.UPSTREAM_URL;
  const token = values.token ?? env.NODE_TOKEN;
  if (upstreamUrl && !token) throw new ConfigError(`--token is required with --upstream\n\n${usage}`);
  if (token) {
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new ConfigError('--token is not a JWT');
    }
    if (claims.role !== 'province' || claims.province !== province) {
      throw new ConfigError(
        `--token is for ${String(claims.role)} ${String(claims.province ?? '')}; a node of ${province} needs a province token of ${province}`,
      );
    }
  }
  return { province, upstreamUrl, token };
}

const node = (() => {
  try {
    return readOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
})();

void launch({
  name: `node-${node.province}`,
  dataFolder: `node-${node.province}`,
  defaultPostgresPort: 54339,
  stack: (env) => ({
    host: env.HOST || '0.0.0.0',
    databasePrefix: env.DATABASE_PREFIX || 'thidua_node',
    ports: { gateway: readPort(env, 'PORT', 4100) },
    identity: readIdentityConfig(env),
    node: {
      province: node.province,
      upstreamUrl: node.upstreamUrl,
      token: node.token,
      intervalMs: Number(env.EXCHANGE_INTERVAL_MS) || 5000,
      batchSize: Number(env.EXCHANGE_BATCH_SIZE) || 200,
    },
  }),
  banner: (stack, databaseUrl, embedded) => [
    `thidua node for ${node.province} is running:`,
    ...serviceLines(stack, databaseUrl, embedded),
    node.upstreamUrl
      ? `  upstream    ${node.upstreamUrl} (records are sent as they are stored)`
      : '  upstream    none: records wait in the outbox until the node is started with --upstream',
    'Ctrl-C stops everything.',
  ],
});
