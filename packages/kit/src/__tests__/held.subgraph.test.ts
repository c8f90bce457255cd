import type { DataSource } from 'typeorm';
import { statementCount } from '../db.js';
import { holdTable, type Held } from '../held.js';
import { silentLogger } from '../logger.js';
import { eventually, openTestDatabase } from '../testing/index.js';

// A small table held in memory on a real Postgres: read once listening, read
// again after every change that commits (a trigger notifies), dropped while it
// may be stale, and held again after its connection is lost and comes back.
const channel = 'test_units';
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: DataSource;
let held: Held<Map<string, string>> | undefined;

beforeAll(async () => {
  database = await openTestDatabase('held');
  db = database.dataSource;
  await db.query(`CREATE TABLE unit (id text PRIMARY KEY, name text NOT NULL)`);
  await db.query(`INSERT INTO unit VALUES ('vinh-phuc', 'Vĩnh Phúc'), ('phu-tho', 'Phú Thọ')`);
  await db.query(`CREATE FUNCTION unit_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('${channel}', ''); RETURN NULL; END $$`);
  await db.query(`CREATE TRIGGER unit_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit
    FOR EACH STATEMENT EXECUTE FUNCTION unit_changed()`);
});

afterEach(async () => {
  await held?.stop();
  held = undefined;
});

afterAll(() => database?.close());

const hold = (retryMs?: number) =>
  holdTable<Map<string, string>>({
    dataSource: db,
    channel,
    logger: silentLogger,
    retryMs,
    read: async (client) => {
      const found = await client.query<{ id: string; name: string }>('SELECT id, name FROM unit');
      return new Map(found.rows.map((row) => [row.id, row.name]));
    },
  });

describe('holdTable', () => {
  test('holds the table once started, on a connection of its own: the data source counts no statement', async () => {
    const before = statementCount(db);
    held = await hold();
    expect(held.current).toEqual(
      new Map([
        ['vinh-phuc', 'Vĩnh Phúc'],
        ['phu-tho', 'Phú Thọ'],
      ]),
    );
    expect(statementCount(db)).toBe(before);
  });

  test('a change another connection commits is held once its notification arrives; one rolled back never shows', async () => {
    held = await hold();
    await db
      .transaction(async (tx) => {
        await tx.query(`UPDATE unit SET name = 'Vĩnh Yên' WHERE id = 'vinh-phuc'`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await db.query(`INSERT INTO unit VALUES ('ha-tay', 'Hà Tây')`);
    await eventually('the inserted row held', () => held!.current?.get('ha-tay') === 'Hà Tây');
    expect(held.current?.get('vinh-phuc')).toBe('Vĩnh Phúc');
    await db.query(`DELETE FROM unit WHERE id = 'ha-tay'`);
    await eventually('the deleted row gone', () => held!.current !== null && !held!.current.has('ha-tay'));
  });

  test('forget drops what is held at once, for the writer’s own next read, and reads it again', async () => {
    held = await hold();
    await db.query(`UPDATE unit SET name = 'Phú Thọ (mới)' WHERE id = 'phu-tho'`);
    held.forget();
    expect(held.current).toBeNull();
    await eventually('the new name held', () => held!.current?.get('phu-tho') === 'Phú Thọ (mới)');
    await db.query(`UPDATE unit SET name = 'Phú Thọ' WHERE id = 'phu-tho'`);
    await eventually('the name restored', () => held!.current?.get('phu-tho') === 'Phú Thọ');
  });

  test('holds nothing while its connection is lost, and the table again once it listens again', async () => {
    held = await hold(500);
    expect(held.current).not.toBeNull();
    const [{ ended }] = await db.query(
      `SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity
        WHERE application_name = $1 AND datname = current_database()`,
      [`thidua-listen-${channel}`],
    );
    expect(ended).toBe(1);
    await eventually('nothing held once the connection is lost', () => held!.current === null);
    // A change made while it was not listening is read when it listens again.
    await db.query(`UPDATE unit SET name = 'Vĩnh Phúc (tái lập)' WHERE id = 'vinh-phuc'`);
    await eventually(
      'the change read after listening again',
      () => held!.current?.get('vinh-phuc') === 'Vĩnh Phúc (tái lập)',
    );
    await db.query(`UPDATE unit SET name = 'Vĩnh Phúc' WHERE id = 'vinh-phuc'`);
    await eventually('the name restored', () => held!.current?.get('vinh-phuc') === 'Vĩnh Phúc');
  });

  test('after stop it holds nothing and its connection is closed', async () => {
    const stopped = await hold();
    await stopped.stop();
    expect(stopped.current).toBeNull();
    const [{ open }] = await db.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [`thidua-listen-${channel}`],
    );
    expect(open).toBe(0);
  });

  test('refuses a channel that is not a plain name', async () => {
    await expect(
      holdTable({ dataSource: db, channel: 'units; DROP TABLE unit', logger: silentLogger, read: async () => 1 }),
    ).rejects.toThrow('not a channel name');
  });
});
