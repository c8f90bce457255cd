import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { AuthConfig } from './config.js';
import { analyseNewTables, ensureDatabase, openDataSource, withDatabase, type DataSourceOptions } from './db.js';
import { createServiceLinks, type LinkDeclaration } from './links.js';
import type { Logger } from './logger.js';
import type { NodeMode } from './node-mode.js';
import { referenceData, type ReferenceData } from './reference/index.js';
import type { OperationLimits } from './query-limits.js';
import { startSubgraphServer, type BaseContext, type RunningServer } from './subgraph-server.js';

/** What a subgraph is: its tables, its schema, its per-request state, its seed data. */
export interface SubgraphDefinition<TContext extends BaseContext = BaseContext> {
  name: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (base: BaseContext, dataSource: DataSource) => TContext;
  /**
   * Other subgraphs this one asks during writes, with the root fields it reads
   * there (its service token carries exactly that scope). Their URLs come from
   * `<NAME>_URL` or the stack.
   */
  links?: Record<string, LinkDeclaration>;
  /** Parts that plug into the bootstrap (see {@link SubgraphExtension}), e.g. the node exchange. */
  extensions?: SubgraphExtension[];
  /** Largest request body its /graphql accepts (default 2mb). */
  bodyLimit?: string;
  /** Its connections keep one plan per prepared statement (see `DataSourceOptions.genericPlans`). */
  genericPlans?: boolean;
  /** Idempotent; `demo` adds the synthetic demo dataset to the reference data. */
  seed?: (
    dataSource: DataSource,
    options: { demo: boolean; logger: Logger; reference: ReferenceData },
  ) => Promise<void>;
}

/** What an extension's `start` is given. */
export interface ExtensionHost {
  /** The subgraph's name. */
  name: string;
  dataSource: DataSource;
  logger: Logger;
  /** Set when the subgraph runs as a provincial node. */
  node?: NodeMode;
}

/** Something an extension started; stopped before the database pool closes. */
export interface StartedExtension {
  stop(): Promise<void>;
  /** Shown under the extension's name in the subgraph's `/health` (e.g. how far a node's exchange is behind). */
  health?(): Promise<Record<string, unknown>>;
}

/** The links a subgraph declares, with those of its extensions: one declaration per peer, scopes joined. */
export function declaredLinks(
  definition: Pick<SubgraphDefinition, 'links' | 'extensions'>,
): Record<string, LinkDeclaration> {
  const links: Record<string, LinkDeclaration> = {};
  for (const declared of [definition.links ?? {}, ...(definition.extensions ?? []).map((e) => e.links ?? {})]) {
    for (const [peer, link] of Object.entries(declared)) {
      const known = links[peer];
      links[peer] = known
        ? {
            scope: [...new Set([...known.scope, ...link.scope])],
            timeoutMs: Math.max(known.timeoutMs ?? 0, link.timeoutMs ?? 0) || undefined,
          }
        : link;
    }
  }
  return links;
}

/**
 * The bootstrap's one extension point. An extension adds migrations (after
 * the subgraph's own) and may start a background task once the database is
 * migrated and seeded; the task is stopped after the server drained and
 * before the pool closes. Schema parts stay with the subgraph's `buildSchema`.
 */
export interface SubgraphExtension {
  name: string;
  migrations?: DataSourceOptions['migrations'];
  /** Other subgraphs the extension asks, merged with the subgraph's own links (scopes are joined). */
  links?: Record<string, LinkDeclaration>;
  start?: (host: ExtensionHost) => StartedExtension | undefined | Promise<StartedExtension | undefined>;
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
  /** Default: the process's {@link referenceData} from the kit's own files. */
  reference?: ReferenceData;
  /** GraphQL URLs of the subgraphs this one links to, by name. */
  linkUrls?: Record<string, string | undefined>;
  /** Query limits (see subgraph-server.ts). */
  limits?: OperationLimits;
}

export interface RunningSubgraph extends RunningServer {
  dataSource: DataSource;
  /** What each extension started, by extension name. */
  extensions: Record<string, StartedExtension>;
}

/** Creates the database if needed, migrates, seeds, starts extensions, and serves the subgraph. */
export async function runSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  options: SubgraphRunOptions,
): Promise<RunningSubgraph> {
  const logger = options.logger.child({ service: definition.name });
  const database = options.database ?? `thidua_${definition.name}`;
  const extensions = definition.extensions ?? [];
  const reference = options.reference ?? referenceData();
  const links = createServiceLinks({
    self: definition.name,
    declared: declaredLinks(definition),
    urls: options.linkUrls ?? {},
    secret: options.auth.authSecret,
  });
  await ensureDatabase(options.databaseUrl, database);
  const dataSource = await openDataSource({
    url: withDatabase(options.databaseUrl, database),
    entities: definition.entities,
    migrations: [...definition.migrations, ...extensions.flatMap((extension) => extension.migrations ?? [])],
    logger,
    genericPlans: definition.genericPlans,
  });
  const started: Record<string, StartedExtension> = {};
  const stopExtensions = () => Promise.all(Object.values(started).map((extension) => extension.stop()));
  let server: RunningServer | undefined;
  try {
    await definition.seed?.(dataSource, { demo: options.demo ?? false, logger, reference });
    // A database created and seeded just now has no statistics yet; without them its first minute is planned blind.
    const analysed = await analyseNewTables(dataSource);
    if (analysed.length > 0) logger.debug({ tables: analysed }, 'tables analysed');
    server = await startSubgraphServer({
      name: definition.name,
      schema: await definition.buildSchema(),
      auth: options.auth,
      logger,
      port: options.port,
      host: options.host,
      node: options.node ? { province: options.node.province } : undefined,
      reference,
      links,
      bodyLimit: definition.bodyLimit,
      limits: options.limits,
      context: (base) => definition.createContext(base, dataSource),
      healthCheck: async () => {
        await dataSource.query('SELECT 1');
        const details: Record<string, unknown> = {};
        for (const [name, extension] of Object.entries(started)) {
          if (extension.health) details[name] = await extension.health();
        }
        return details;
      },
      onStop: async () => {
        await stopExtensions();
        await dataSource.destroy();
      },
    });
    for (const extension of extensions) {
      const task = await extension.start?.({ name: definition.name, dataSource, logger, node: options.node });
      if (task) started[extension.name] = task;
    }
    return { ...server, dataSource, extensions: started };
  } catch (error) {
    if (server) await server.stop();
    else {
      await stopExtensions();
      await dataSource.destroy();
    }
    throw error;
  }
}
