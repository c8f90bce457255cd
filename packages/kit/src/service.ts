import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { AuthConfig } from './config.js';
import { ensureDatabase, openDataSource, withDatabase, type DataSourceOptions } from './db.js';
import { Shipper } from './exchange.js';
import type { NodeMode } from './node-mode.js';
import type { Logger } from './logger.js';
import type { OperationLimits } from './query-limits.js';
import { startSubgraphServer, type BaseContext, type RunningServer } from './subgraph-server.js';

/** What a subgraph is: its tables, its schema, its per-request state, its seed data. */
export interface SubgraphDefinition<TContext extends BaseContext> {
  name: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (base: BaseContext, dataSource: DataSource) => TContext;
  /**
   * Node-to-cluster exchange: the cluster mutation that receives this
   * subgraph's outbox. Subgraphs without it keep nothing to exchange.
   */
  exchange?: { mutation: string };
  /** Idempotent; `demo` adds the synthetic demo dataset to the reference data. */
  seed?: (dataSource: DataSource, options: { demo: boolean; logger: Logger }) => Promise<void>;
}

/** Where and how to run one subgraph. */
export interface SubgraphRunOptions {
  /** A Postgres server URL; the subgraph uses its own database on it. */
  databaseUrl: string;
  /** Default `thidua_<name>`. */
  database?: string;
  port: number;
  host?: string;
  auth: AuthConfig;
  logger: Logger;
  /** Load the demo dataset as well as reference data. */
  demo?: boolean;
  /** Run as a provincial node (writes for one province; outbox shipped upstream). */
  node?: NodeMode;
  /** Query limits (see subgraph-server.ts). */
  limits?: OperationLimits;
}

export interface RunningSubgraph extends RunningServer {
  dataSource: DataSource;
  /** On a node with an upstream: what sends the outbox to the cluster. */
  shipper?: Shipper;
}

/** Creates the database if needed, migrates, seeds, and serves the subgraph. */
export async function runSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: SubgraphRunOptions,
): Promise<RunningSubgraph> {
  const logger = options.logger.child({ service: definition.name });
  const database = options.database ?? `thidua_${definition.name}`;
  await ensureDatabase(options.databaseUrl, database);
  const dataSource = await openDataSource({
    url: withDatabase(options.databaseUrl, database),
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
  });
  try {
    await definition.seed?.(dataSource, { demo: options.demo ?? false, logger });
    const node = options.node;
    const shipper =
      node?.upstreamUrl && node.token && definition.exchange
        ? new Shipper({
            dataSource,
            upstreamUrl: node.upstreamUrl,
            token: node.token,
            mutation: definition.exchange.mutation,
            logger,
            intervalMs: node.intervalMs,
            batchSize: node.batchSize,
          })
        : undefined;
    const server = await startSubgraphServer({
      name: definition.name,
      schema: await definition.buildSchema(),
      auth: options.auth,
      logger,
      port: options.port,
      host: options.host,
      node: node ? { province: node.province } : undefined,
      limits: options.limits,
      context: (base) => definition.createContext(base, dataSource),
      healthCheck: async () => {
        await dataSource.query('SELECT 1');
      },
      onStop: async () => {
        await shipper?.stop();
        await dataSource.destroy();
      },
    });
    shipper?.start();
    return { ...server, dataSource, shipper };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
