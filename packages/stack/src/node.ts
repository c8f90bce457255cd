import { parseArgs } from 'node:util';
import { ConfigError, looksLikeNodeCredential, parseNodeCredential, readPort } from '@thidua/kit';
import { referenceData } from '@thidua/kit/reference';
import { launch, serviceLines } from './launcher.js';

const usage = `Runs a provincial node: this department's own subgraphs and gateway, whose data reaches the cluster.

  npm run node -- --province <id> [--upstream <cluster GraphQL URL>] [--token <node credential>]

  --province   the province this node keeps (e.g. quang-ninh); it accepts writes for no other
  --upstream   the cluster gateway, e.g. https://cluster.example/graphql (env UPSTREAM_URL)
  --token      this node's credential, tdn1.<province>.… (env NODE_TOKEN). An admin or the Ministry
               registers the node on the cluster and is shown it once:
               mutation { registerNode(provinceId: "<id>", name: "…") { credential } }

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
  if (!referenceData().provinces.get(province))
    throw new ConfigError(`--province ${province} is not a known province id`);
  const upstreamUrl = values.upstream ?? env.UPSTREAM_URL;
  const token = values.token ?? env.NODE_TOKEN;
  if (upstreamUrl && !token) throw new ConfigError(`--token is required with --upstream\n\n${usage}`);
  if (token) {
    if (!looksLikeNodeCredential(token)) {
      throw new ConfigError(
        "--token is not a node credential (tdn1.…): a node no longer uses a person's token; " +
          'have an admin or the Ministry register it on the cluster (registerNode) and use the credential it shows',
      );
    }
    const claim = parseNodeCredential(token);
    if (!claim) throw new ConfigError('--token looks like a node credential but is damaged: copy it again, whole');
    if (claim.provinceId !== province) {
      throw new ConfigError(`--token is the credential of a node of ${claim.provinceId}, not of ${province}`);
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
  settings: (env) => ({
    gatewayHost: env.HOST || '0.0.0.0',
    databasePrefix: env.DATABASE_PREFIX || 'thidua_node',
    demo: false,
    ports: { gateway: readPort(env, 'PORT', 4100), provinces: 0, awards: 0, metrics: 0 },
    // Each subgraph reads these in its standalone config (the kit's readNodeMode).
    subgraphEnv: {
      NODE_PROVINCE: node.province,
      UPSTREAM_URL: node.upstreamUrl,
      NODE_TOKEN: node.token,
      EXCHANGE_INTERVAL_MS: env.EXCHANGE_INTERVAL_MS,
      EXCHANGE_BATCH_SIZE: env.EXCHANGE_BATCH_SIZE,
    },
  }),
  banner: (urls) => [
    `thidua node for ${node.province} is running:`,
    ...serviceLines(urls),
    node.upstreamUrl
      ? `  upstream    ${node.upstreamUrl} (records are sent as they are stored)`
      : '  upstream    none: records wait in the outbox until the node is started with --upstream',
    'Ctrl-C stops everything.',
  ],
});
