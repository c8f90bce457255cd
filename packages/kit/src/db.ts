import pg from 'pg';
import { DataSource, type EntitySchema, type Logger as TypeOrmLogger, type MigrationInterface } from 'typeorm';
import type { Logger } from './logger.js';

/** The same server URL pointed at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Whether a database error is a unique-constraint violation (SQLSTATE 23505), e.g. a duplicate insert. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}

/** Creates `database` on the server if it is missing (safe when several services race). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        // 42P04 duplicate_database, 23505 unique_violation: another process won the race.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** Drops `database` if it exists, closing its sessions first. */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
  migrations: (new () => MigrationInterface)[];
  logger: Logger;
  /** Pool size; subgraphs need few connections. */
  poolSize?: number;
  /**
   * Every connection plans a prepared statement once and keeps that plan
   * (`plan_cache_mode = force_generic_plan`). Left to choose, Postgres plans
   * each call for its values whenever the plan it would keep looks dearer; for
   * a statement whose parameters are arrays (`unnest($1::text[])`, as the kit's
   * set-based reads are) it cannot tell how long they are, and often does: for
   * an indicator ranking that planning was two thirds of what Postgres spent on
   * it (docs/operations.md).
   */
  genericPlans?: boolean;
}

const statementCounts = new WeakMap<DataSource, { count: number }>();

/**
 * How many SQL statements this data source has sent since it opened; tests
 * use the difference across a request to show a query does not grow with
 * the number of provinces it covers.
 */
export function statementCount(dataSource: DataSource): number {
  return statementCounts.get(dataSource)?.count ?? 0;
}

function countingLogger(counter: { count: number }, logger: Logger): TypeOrmLogger {
  return {
    logQuery: () => {
      counter.count += 1;
    },
    logQueryError: (error, query) => logger.debug({ err: error, query }, 'query failed'),
    logQuerySlow: (time, query) => logger.warn({ time, query: query.slice(0, 500) }, 'slow query'),
    logSchemaBuild: () => undefined,
    logMigration: (message) => logger.debug(message),
    log: (level, message) => logger.debug({ level }, String(message)),
  };
}

/**
 * Connects, then runs pending migrations (never `synchronize`). Each subgraph
 * owns its database; nothing here reads another subgraph's.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const counter = { count: 0 };
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: countingLogger(counter, options.logger),
    maxQueryExecutionTime: 1000,
    poolSize: options.poolSize ?? 10,
    extra: {
      application_name: 'thidua',
      ...(options.genericPlans ? { options: '-c plan_cache_mode=force_generic_plan' } : {}),
    },
  });
  statementCounts.set(dataSource, counter);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations();
  for (const migration of applied) options.logger.info({ migration: migration.name }, 'migration applied');
  return dataSource;
}

/**
 * Gives the planner statistics for the tables that have none yet, and returns
 * their names. Postgres marks a table never vacuumed or analysed with
 * `reltuples = -1`; until autovacuum's first pass (a minute or more after a
 * database is created and seeded) every statement over it is planned blind.
 * Measured on the seeded metrics database: the ranking of every season of
 * every cluster cost Postgres 11 ms per statement with the blind plan (an
 * index scan of every province's rows per peer and indicator) and 5.4 ms
 * after ANALYZE. A table analysed once, even empty, is not analysed again
 * here: from then on autovacuum keeps its statistics.
 */
export async function analyseNewTables(dataSource: DataSource): Promise<string[]> {
  const found = (await dataSource.query(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND c.reltuples < 0 AND n.nspname = ANY (current_schemas(false))
      ORDER BY 1`,
  )) as { name: string }[];
  const names = found.map((table) => table.name);
  if (names.length > 0) await dataSource.query(`ANALYZE ${names.join(', ')}`);
  return names;
}
