import DataLoader from 'dataloader';
import type pg from 'pg';
import { QueryFailedError, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

/*
 * How code touches data (docs/architecture.md, "How code touches data"): the
 * generic parts every subgraph uses the same way. Typed DataLoader keys and
 * their loaders, the "rows for these keys" query, rows of raw SQL, locks and
 * revisions.
 */

// ---------------------------------------------------------------------------
// Typed keys and loaders

/**
 * One string per key, for DataLoader's cache: a string or number as itself
 * (JSON), an object by its fields in name order, so `{ clusterId, year }` and
 * `{ year, clusterId }` are the same key.
 */
export function cacheKey(key: unknown): string {
  if (key === null || typeof key !== 'object' || Array.isArray(key)) return JSON.stringify(key);
  const fields = Object.keys(key).sort();
  return JSON.stringify(fields.map((field) => [field, (key as Record<string, unknown>)[field]]));
}

/**
 * Which key a row answers: a function, or a {@link CompositeKey}, which also
 * reduces every requested key to its fields, so an entity with more fields
 * (a `ClusterSeason` passed where a `SeasonKey` is asked) finds its rows.
 */
export type RowKey<K, R> = ((row: R) => K) | CompositeKey<K>;

function keyParts<K, R>(rowKey: RowKey<K, R>): { keyOf: (row: R) => K; cacheKeyFn: (key: K) => string } {
  if (typeof rowKey === 'function') return { keyOf: rowKey, cacheKeyFn: cacheKey };
  return { keyOf: (row) => row as unknown as K, cacheKeyFn: (key) => rowKey.key(key) };
}

/**
 * A per-request loader of at most one row per key: `fetch` gets the distinct
 * keys of a tick and returns the rows it found, in any order; `rowKey` says
 * which key a row answers.
 */
export function oneLoader<K, R>(
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  rowKey: RowKey<K, R>,
): DataLoader<K, R | null, string> {
  const { keyOf, cacheKeyFn } = keyParts(rowKey);
  return new DataLoader<K, R | null, string>(
    async (keys) => {
      const found = new Map((await fetch(keys)).map((row) => [cacheKeyFn(keyOf(row)), row]));
      return keys.map((key) => found.get(cacheKeyFn(key)) ?? null);
    },
    { cacheKeyFn },
  );
}

/** A per-request loader of the rows of each key, in the order `fetch` returns them. */
export function manyLoader<K, R>(
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  rowKey: RowKey<K, R>,
): DataLoader<K, R[], string> {
  const { keyOf, cacheKeyFn } = keyParts(rowKey);
  return new DataLoader<K, R[], string>(
    async (keys) => {
      const groups = new Map<string, R[]>();
      for (const row of await fetch(keys)) {
        const key = cacheKeyFn(keyOf(row));
        const group = groups.get(key);
        if (group) group.push(row);
        else groups.set(key, [row]);
      }
      return keys.map((key) => groups.get(cacheKeyFn(key)) ?? []);
    },
    { cacheKeyFn },
  );
}

/** A per-request loader whose batch function answers every key itself (filters, rankings). */
export function batchLoader<K, V>(batch: (keys: readonly K[]) => Promise<readonly V[]>): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>((keys) => batch(keys), { cacheKeyFn: cacheKey });
}

// ---------------------------------------------------------------------------
// Set-based SQL: parallel arrays and composite keys

/** The Postgres types `unnest` arrays are cast to. */
export type SqlType = 'text' | 'int' | 'float8' | 'bool' | 'date' | 'uuid';

type ValueOf<T extends SqlType> = T extends 'int' | 'float8' ? number : T extends 'bool' ? boolean : string;

/** Field name → the SQL type of its array, in the order the columns come out of `unnest`. */
export type RowShape = Record<string, SqlType>;

/** A row of a {@link RowShape}; `null` stands for SQL NULL. */
export type RowOf<S extends RowShape> = { [P in keyof S]: ValueOf<S[P]> };

type NullableRowOf<S extends RowShape> = { [P in keyof S]: ValueOf<S[P]> | null };

/**
 * The Postgres array literal of `values`, exactly as pg would send the array
 * (`{"ha-noi","2019",NULL}`), or undefined when an element is not a string,
 * number or boolean (pg then converts the array itself). pg builds its
 * literal by concatenation, with two regular expressions per element; for the
 * hundreds of elements of a ranking's peers that was a fifth of all a request
 * allocated. Here each element is one string and the literal one join.
 */
export function arrayLiteral(values: readonly unknown[]): string | undefined {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (typeof value === 'string') parts[i] = quoteElement(value);
    else if (typeof value === 'number' || typeof value === 'boolean') parts[i] = `"${value}"`;
    else return undefined;
  }
  return `{${parts.join(',')}}`;
}

/** An array element in double quotes, its `"` and `\` escaped with a backslash (as pg escapes them). */
function quoteElement(text: string): string {
  return text.includes('"') || text.includes('\\') ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
}

/** The parameter of one array: its literal ({@link arrayLiteral}) or, failing that, the values. */
function arrayParameter(values: readonly unknown[]): unknown {
  return arrayLiteral(values) ?? values;
}

/** One field of every row, as the parameter of its array. */
function column(rows: readonly Record<string, unknown>[], field: string): unknown {
  return arrayParameter(rows.map((row) => row[field]));
}

/**
 * `unnest($1::text[], $2::int[], …)` over the fields of `shape`, in its order,
 * and its parameters (one array per field, sent as its literal), numbered
 * from `$first`: many rows in one statement, for set-based inserts and joins
 * in raw SQL.
 */
export function unnest<S extends RowShape>(
  rows: readonly NullableRowOf<S>[],
  shape: S,
  first = 1,
): [sql: string, parameters: unknown[]] {
  const fields = Object.keys(shape) as (keyof S & string)[];
  const arrays = fields.map((field, index) => `$${first + index}::${shape[field]}[]`);
  return [`unnest(${arrays.join(', ')})`, fields.map((field) => column(rows, field))];
}

/**
 * The parameters of {@link unnest} from values already held field by field (one
 * array per field of `shape`, all of one length), in the shape's order: for a
 * caller that builds many rows, so that it need not make an object per row.
 */
export function columnParameters<S extends RowShape>(
  columns: { [P in keyof S]: readonly (ValueOf<S[P]> | null)[] },
  shape: S,
): unknown[] {
  return Object.keys(shape).map((field) => arrayParameter(columns[field as keyof S]));
}

/** {@link unnest} with named parameters (`:prefix_field`), for a TypeORM query builder. */
export function unnestNamed<S extends RowShape>(
  rows: readonly NullableRowOf<S>[],
  shape: S,
  prefix: string,
): [sql: string, parameters: ObjectLiteral] {
  const fields = Object.keys(shape) as (keyof S & string)[];
  const arrays = fields.map((field) => `:${prefix}_${field}::${shape[field]}[]`);
  const parameters = Object.fromEntries(fields.map((field) => [`${prefix}_${field}`, column(rows, field)]));
  return [`unnest(${arrays.join(', ')})`, parameters];
}

/** A key of several fields (a season is `clusterId` and `year`), and the SQL that finds rows by it. */
export interface CompositeKey<K> {
  /** The key of a row (an entity, or any object with the key's fields). */
  of(row: K): K;
  /** The key's fields of a row as one string, for DataLoader's cache (the same for equal keys). */
  key(row: K): string;
  /**
   * `(alias.a, alias.b) IN (SELECT * FROM unnest(:alias_a::text[], :alias_b::int[]))`
   * and its parameters, for a query builder: `.where(...Key.in('s', keys))`.
   * The fields are entity properties; TypeORM turns them into columns.
   */
  in(alias: string, keys: readonly K[]): [where: string, parameters: ObjectLiteral];
  /** `unnest($first::text[], …)` of the keys and its parameters, for raw SQL. */
  unnest(keys: readonly K[], first?: number): [sql: string, parameters: unknown[]];
}

/** Describes a composite key by its fields and their SQL types, in column order. */
export function compositeKey<S extends RowShape>(shape: S): CompositeKey<RowOf<S>> {
  const fields = Object.keys(shape) as (keyof S & string)[];
  return {
    of: (row) => Object.fromEntries(fields.map((field) => [field, row[field]])) as RowOf<S>,
    key: (row) => JSON.stringify(fields.map((field) => row[field])),
    in(alias, keys) {
      const [asked, parameters] = unnestNamed(keys, shape, alias);
      return [`(${fields.map((field) => `${alias}.${field}`).join(', ')}) IN (SELECT * FROM ${asked})`, parameters];
    },
    unnest: (keys, first = 1) => unnest(keys, shape, first),
  };
}

/** The key type of a {@link CompositeKey}. */
export type KeyOf<C> = C extends CompositeKey<infer K> ? K : never;

/** A cluster's season, the key of `ClusterSeason`. */
export const SeasonKey = compositeKey({ clusterId: 'text', year: 'int' });
export type SeasonKey = KeyOf<typeof SeasonKey>;

/** A province in one year (its cluster that year, its points that year). */
export const ProvinceYear = compositeKey({ provinceId: 'text', year: 'int' });
export type ProvinceYear = KeyOf<typeof ProvinceYear>;

// ---------------------------------------------------------------------------
// Rows of raw SQL, straight from the driver

/**
 * A statement's text; with a `name`, Postgres parses and plans it once per
 * connection (a prepared statement), so the text must never vary for a name.
 */
export interface Statement {
  text: string;
  name?: string;
}

/**
 * The rows of one SQL statement with `$1…` parameters, each passed through
 * `map` when given. From a data source (reads on the hot path) it goes
 * straight to the driver's pool: no query builder, no query runner, no
 * entity hydration; the statement still counts in {@link statementCount},
 * and errors and slow queries are logged and thrown as TypeORM would
 * (`QueryFailedError`). From a transaction's `EntityManager` it runs on that
 * transaction's connection, so a write sees its own changes.
 *
 * Rows come as the driver parses them: `numeric` and `bigint` as strings,
 * `date` as a `Date` (select `to_char(day, 'YYYY-MM-DD')` for the string an
 * entity holds), `timestamptz` as a `Date`, `jsonb` and arrays parsed.
 */
export async function rows<R extends ObjectLiteral, T = R>(
  db: DataSource | EntityManager,
  statement: string | Statement,
  parameters: readonly unknown[] = [],
  map?: (row: R) => T,
): Promise<T[]> {
  const { text, name } = typeof statement === 'string' ? { text: statement, name: undefined } : statement;
  const dataSource = 'manager' in db ? db : db.connection;
  const pool = (dataSource.driver as { master?: pg.Pool }).master;
  let found: R[];
  if (('queryRunner' in db && db.queryRunner) || !pool) {
    found = (await (db as EntityManager).query(text, [...parameters])) as R[];
  } else {
    const values = [...parameters];
    dataSource.logger.logQuery(text, values);
    const started = Date.now();
    try {
      found = (await pool.query<R>({ text, values, name })).rows;
    } catch (error) {
      dataSource.logger.logQueryError(error as Error, text, values);
      throw new QueryFailedError(text, values, error as Error);
    }
    const took = Date.now() - started;
    const slow = dataSource.options.maxQueryExecutionTime;
    if (slow && took > slow) dataSource.logger.logQuerySlow(took, text, values);
  }
  return map ? found.map(map) : (found as unknown as T[]);
}

// ---------------------------------------------------------------------------
// Locks and revisions

function tableOf(em: EntityManager, target: EntityTarget<ObjectLiteral>): string {
  return typeof target === 'string' ? target : em.connection.getMetadata(target).tableName;
}

/**
 * Makes every other transaction that locks the same record wait until this
 * one ends: a Postgres advisory lock on the table and key, so it also holds
 * for a record that does not exist yet (two first writes of one id queue
 * instead of racing). Must run in a transaction, in its own statement before
 * the reads it protects: a statement's snapshot is taken when it starts.
 */
export async function lockRecord(
  em: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  key: ObjectLiteral,
): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${tableOf(em, target)}:${cacheKey(key)}`]);
}

/**
 * Appends the next revision to a record's history and returns its number
 * (1 for the first). `target` is the history table (an entity, or a table
 * name whose fields are then column names), `key` names the record, `values`
 * are the rest of the revision row; the `revision` field is set here. The
 * record is locked first ({@link lockRecord}), so concurrent writers of the
 * same record, even a brand-new one, get consecutive numbers.
 */
export async function appendRevision<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  key: Partial<T>,
  values: Partial<T>,
): Promise<number> {
  await lockRecord(em, target, key);
  const where = Object.keys(key).map((field) => `r.${field} = :${field}`);
  const { next } = (await em
    .createQueryBuilder()
    .select('coalesce(max(r.revision), 0) + 1', 'next')
    .from(target, 'r')
    .where(where.join(' AND '), key)
    .getRawOne()) as { next: number };
  await em
    .createQueryBuilder()
    .insert()
    .into(target)
    .values({ ...values, ...key, revision: next } as unknown as T)
    .execute();
  return next;
}
