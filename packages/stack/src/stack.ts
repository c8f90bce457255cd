import { awardsSubgraph } from '@thidua/awards';
import { startGateway, type GatewayOptions, type IdentityConfig, type RunningGateway } from '@thidua/gateway';
import { metricsSubgraph } from '@thidua/metrics';
import { provincesSubgraph } from '@thidua/provinces';
import {
  runSubgraph,
  type AuthConfig,
  type Logger,
  type NodeMode,
  type RunningSubgraph,
  type SubgraphDefinition,
} from '@thidua/kit';

/**
 * The subgraphs, in start order. Links (awards → provinces and metrics,
 * metrics → awards, provinces → awards) find their peer when used, so the
 * order only needs provinces first: awards seeds nothing that asks it.
 */
export const subgraphs = {
  provinces: provincesSubgraph,
  awards: awardsSubgraph,
  metrics: metricsSubgraph,
} satisfies Record<string, SubgraphDefinition>;
export type SubgraphName = keyof typeof subgraphs;
const startOrder = Object.keys(subgraphs) as SubgraphName[];

export interface StackOptions {
  /** A Postgres server URL; each subgraph uses its own database on it. */
  databaseUrl: string;
  /** Prefix of the database names (`thidua` → thidua_provinces, …, and the gateway's thidua_gateway). */
  databasePrefix?: string;
  auth: AuthConfig;
  logger: Logger;
  host?: string;
  /** Ports; 0 picks a free one. */
  ports?: Partial<Record<SubgraphName | 'gateway', number>>;
  demo?: boolean;
  /** Run as a provincial node for one province (docs/provincial-nodes.md). */
  node?: NodeMode;
  /** Where the gateway keeps uploaded files (POST /files). */
  files?: { dir: string; maxBytes?: number };
  /** Sign-in settings (sessions, throttling, single sign-on); defaults as documented in .env.example. */
  identity?: Partial<IdentityConfig>;
  /** The gateway's subgraph timeouts, circuits and response cache (defaults as in .env.example). */
  calls?: GatewayOptions['calls'];
}

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Stops the gateway first, then the subgraphs (each closes its pool). */
  stop(): Promise<void>;
}

/**
 * Runs the three subgraphs and the gateway in this process, each on its own
 * port. Each subgraph's links read `urls`, which fills as the subgraphs start.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const prefix = options.databasePrefix ?? 'thidua';
  const started: RunningSubgraph[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const name of startOrder) {
      const definition: SubgraphDefinition = subgraphs[name];
      started.push(
        await runSubgraph(definition, {
          databaseUrl: options.databaseUrl,
          database: `${prefix}_${name}`,
          port: options.ports?.[name] ?? 0,
          host: options.host,
          auth: options.auth,
          logger: options.logger,
          demo: options.demo,
          node: options.node,
          linkUrls: urls,
        }),
      );
      urls[name] = started.at(-1)!.url;
    }
    const running = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
    const gateway = await startGateway({
      port: options.ports?.gateway ?? 0,
      host: options.host,
      auth: options.auth,
      logger: options.logger.child({ service: 'gateway' }),
      subgraphUrls: Object.fromEntries(started.map((s) => [s.name, s.url])),
      files: options.files,
      calls: options.calls,
      accounts: {
        databaseUrl: options.databaseUrl,
        database: `${prefix}_gateway`,
        demo: options.demo,
        config: options.identity,
      },
    });
    return {
      gateway,
      subgraphs: running,
      async stop() {
        await gateway.stop();
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
}
