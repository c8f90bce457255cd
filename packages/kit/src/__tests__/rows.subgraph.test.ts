import { QueryFailedError, type DataSource } from 'typeorm';
import { rows } from '../data.js';
import { analyseNewTables, openDataSource, statementCount } from '../db.js';
import { silentLogger } from '../logger.js';
import { openTestDatabase } from '../testing/index.js';

// The raw read helper on a real Postgres: what it returns, that it still
// counts, that it runs inside a resolver's transaction, and how it fails.
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: DataSource;

beforeAll(async () => {
  database = await openTestDatabase('rows');
  db = database.dataSource;
  await db.query(`CREATE TABLE unit (id text PRIMARY KEY, name text NOT NULL, since date, share numeric)`);
  await db.query(
    `INSERT INTO unit VALUES ('vinh-phuc', 'Vĩnh Phúc', '1997-01-01', 12.5), ('phu-tho', 'Phú Thọ', NULL, NULL)`,
  );
});

afterAll(() => database?.close());

const byIds = {
  name: 'test.unit-by-id',
  text: `SELECT id, name, to_char(since, 'YYYY-MM-DD') AS since, share FROM unit WHERE id = ANY($1::text[]) ORDER BY id`,
};

describe('rows', () => {
  test('reads rows as the driver parses them, mapped when asked, the same through a prepared statement', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await rows(db, byIds, [['vinh-phuc', 'phu-tho', 'ha-tay']])).toEqual([
        { id: 'phu-tho', name: 'Phú Thọ', since: null, share: null },
        { id: 'vinh-phuc', name: 'Vĩnh Phúc', since: '1997-01-01', share: '12.5' },
      ]);
    }
    const names = await rows(db, 'SELECT name FROM unit ORDER BY name', [], (row: { name: string }) => row.name);
    expect(names).toEqual(['Phú Thọ', 'Vĩnh Phúc']);
  });

  test('counts every statement, as the SQL-per-request tests need', async () => {
    const before = statementCount(db);
    await rows(db, byIds, [['vinh-phuc']]);
    await rows(db.manager, 'SELECT 1');
    await db.transaction((tx) => rows(tx, 'SELECT 1'));
    // The transaction adds its BEGIN and COMMIT.
    expect(statementCount(db) - before).toBe(5);
  });

  test("inside a transaction reads that transaction's own writes, which nobody else sees yet", async () => {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO unit VALUES ('ha-tay', 'Hà Tây', NULL, NULL)`);
      expect(await rows(tx, byIds, [['ha-tay']])).toHaveLength(1);
      expect(await rows(db, byIds, [['ha-tay']])).toHaveLength(0);
      await tx.query(`DELETE FROM unit WHERE id = 'ha-tay'`);
    });
  });

  test('a failing statement throws a QueryFailedError with the driver error, as TypeORM does', async () => {
    const failure = rows(db, 'SELECT * FROM no_such_table');
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ driverError: { code: '42P01' } });
  });
});

describe('analyseNewTables', () => {
  const planned = async (table: string) =>
    (await db.query(`SELECT reltuples::int AS rows FROM pg_class WHERE oid = $1::regclass`, [table]))[0].rows as number;

  test('gives a table loaded just now its statistics, once', async () => {
    await db.query(`CREATE TABLE loaded (id int PRIMARY KEY, kind text NOT NULL)`);
    await db.query(
      `INSERT INTO loaded SELECT g, CASE WHEN g % 10 = 0 THEN 'rare' ELSE 'common' END FROM generate_series(1, 2000) g`,
    );
    await db.query(`CREATE TABLE still_empty (id int PRIMARY KEY)`);
    expect(await planned('loaded')).toBe(-1);

    const analysed = await analyseNewTables(db);
    expect(analysed).toEqual(expect.arrayContaining(['public.loaded', 'public.still_empty', 'public.unit']));
    // The planner now knows how many rows there are and how the values spread.
    expect(await planned('loaded')).toBe(2000);
    expect(await planned('still_empty')).toBe(0);
    const [kinds] = await db.query(
      `SELECT most_common_vals::text AS values FROM pg_stats WHERE tablename = 'loaded' AND attname = 'kind'`,
    );
    expect(kinds.values).toBe('{common,rare}');

    // Analysed once, even empty, a table is left to autovacuum from then on.
    expect(await analyseNewTables(db)).toEqual([]);
  });
});

describe('genericPlans', () => {
  /** How Postgres planned `byIds` on the one connection of a data source, after eight runs of it. */
  async function plansAfterEightRuns(genericPlans: boolean) {
    const one = await openDataSource({
      url: database.url,
      entities: [],
      migrations: [],
      logger: silentLogger,
      poolSize: 1,
      genericPlans,
    });
    try {
      for (let i = 0; i < 8; i++) expect(await rows(one, byIds, [['vinh-phuc', 'phu-tho']])).toHaveLength(2);
      const [plans] = await rows<{ generic: number; custom: number }>(
        one,
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = $1`,
        [byIds.name],
      );
      return plans;
    } finally {
      await one.destroy();
    }
  }

  test('a connection plans a prepared statement over arrays once, where Postgres left to choose plans it for its values five times or more', async () => {
    expect(await plansAfterEightRuns(true)).toEqual({ generic: 8, custom: 0 });
    const chosen = await plansAfterEightRuns(false);
    expect(chosen.generic + chosen.custom).toBe(8);
    // Postgres's own choice plans the first five runs for their values, at least.
    expect(chosen.custom).toBeGreaterThanOrEqual(5);
  });
});
