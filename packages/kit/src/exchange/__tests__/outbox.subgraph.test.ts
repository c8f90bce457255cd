import type { DataSource, EntityManager } from 'typeorm';
import { dropDatabase, ensureDatabase, openDataSource, withDatabase } from '../../db.js';
import { silentLogger } from '../../logger.js';
import { eventually, testDatabaseUrl, uniquePrefix } from '../../testing/index.js';
import { deadLetters, discardDeadLetter, enqueueRecord, retryDeadLetter } from '../outbox.js';
import { Exchange1732500000000, exchangeMigrations } from '../schema.js';

// The node's outbox on a real Postgres: numbers without holes and in commit
// order, the migration that brings an older outbox into line, and dead letters.
const databases: string[] = [];
const open: DataSource[] = [];

async function outboxDatabase(migrations = exchangeMigrations): Promise<DataSource> {
  const name = `${uniquePrefix()}_outbox`;
  databases.push(name);
  await ensureDatabase(testDatabaseUrl(), name);
  return reopen(name, migrations);
}

async function reopen(name: string, migrations = exchangeMigrations): Promise<DataSource> {
  const dataSource = await openDataSource({
    url: withDatabase(testDatabaseUrl(), name),
    entities: [],
    migrations,
    logger: silentLogger,
  });
  open.push(dataSource);
  return dataSource;
}

afterAll(async () => {
  await Promise.all(open.filter((d) => d.isInitialized).map((d) => d.destroy()));
  await Promise.all(databases.map((name) => dropDatabase(testDatabaseUrl(), name)));
});

const enqueue = (tx: EntityManager, n: number) => enqueueRecord(tx, 'observation', 'quang-ninh', { n });

async function seqs(db: DataSource): Promise<number[]> {
  const rows = await db.query('SELECT seq FROM exchange_outbox ORDER BY seq');
  return rows.map((row: { seq: string }) => Number(row.seq));
}

describe('outbox numbers', () => {
  test('a rolled-back write gives its number back: no holes', async () => {
    const db = await outboxDatabase();
    await db.transaction((tx) => enqueue(tx, 1));
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, 2);
        throw new Error('the write failed after queueing');
      }),
    ).rejects.toThrow(/failed/);
    await db.transaction((tx) => enqueue(tx, 3));
    expect(await seqs(db)).toEqual([1, 2]);
    const [{ payload }] = await db.query('SELECT payload FROM exchange_outbox WHERE seq = 2');
    expect(payload).toEqual({ n: 3 });
  });

  test('a second writer waits for the first to end, so no number is seen before a lower one', async () => {
    const db = await outboxDatabase();
    const first = db.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    expect(await enqueue(first.manager, 1)).toBe(1);

    const second = db.transaction((tx) => enqueue(tx, 2));
    await eventually('the second writer waits', async () => {
      const [{ waiting }] = await db.query(
        `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE NOT l.granted AND a.datname = current_database()`,
      );
      return waiting > 0;
    });
    expect(await seqs(db)).toEqual([]);
    await first.rollbackTransaction();
    await first.release();
    expect(await second).toBe(1);
    expect(await seqs(db)).toEqual([1]);
  });

  test('the migration renumbers what an older outbox has not sent to follow its last settled record', async () => {
    const db = await outboxDatabase([Exchange1732500000000]);
    // Numbers from a sequence: 3 was seen after 4 (it was sent late), 5, 7 and 8 were rolled back.
    for (const [seq, state] of [
      [1, 'sent'],
      [2, 'rejected'],
      [3, 'unsent'],
      [4, 'sent'],
      [6, 'unsent'],
      [9, 'unsent'],
    ] as const) {
      await db.query(
        `INSERT INTO exchange_outbox (seq, kind, province_id, payload, sent_at, rejected_at) VALUES ($1, 'observation', 'quang-ninh', $2,
           CASE WHEN $3 = 'sent' THEN now() END, CASE WHEN $3 = 'rejected' THEN now() END)`,
        [seq, JSON.stringify({ was: seq }), state],
      );
    }
    const name = databases.at(-1)!;
    await db.destroy();
    const upgraded = await reopen(name);
    const rows = await upgraded.query('SELECT seq, payload FROM exchange_outbox ORDER BY seq');
    expect(rows.map((row: { seq: string; payload: { was: number } }) => [Number(row.seq), row.payload.was])).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
      [5, 3],
      [6, 6],
      [7, 9],
    ]);
    expect(await upgraded.transaction((tx) => enqueue(tx, 10))).toBe(8);
  });
});

describe('dead letters', () => {
  test('retry queues a copy at the end of the stream once; discard keeps the reason', async () => {
    const db = await outboxDatabase();
    for (const n of [1, 2, 3]) await db.transaction((tx) => enqueue(tx, n));
    await db.query(
      `UPDATE exchange_outbox SET rejected_at = now(), reject_reason = 'refused' WHERE seq IN (1, 2);
       UPDATE exchange_outbox SET sent_at = now() WHERE seq = 3`,
    );
    expect((await deadLetters(db)).map((letter) => letter.seq)).toEqual([1, 2]);

    const retried = await retryDeadLetter(db, 1, 'node-admin', 'fixed on the cluster');
    expect(retried).toMatchObject({ seq: 1, resolution: 'retried', resolvedBy: 'node-admin', retriedAs: 4 });
    const [copy] = await db.query('SELECT record_id, payload, sent_at, rejected_at FROM exchange_outbox WHERE seq = 4');
    expect(copy).toMatchObject({ payload: { n: 1 }, sent_at: null, rejected_at: null });
    expect(copy.record_id).not.toBe(retried.recordId);
    await expect(retryDeadLetter(db, 1, 'node-admin', null)).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });

    const discarded = await discardDeadLetter(db, 2, 'node-admin', 'corrected on the node');
    expect(discarded).toMatchObject({ resolution: 'discarded', resolutionNote: 'corrected on the node' });
    await expect(discardDeadLetter(db, 3, 'node-admin', 'x')).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await deadLetters(db)).toEqual([]);
    expect((await deadLetters(db, 'resolved')).map((letter) => [letter.seq, letter.resolution])).toEqual([
      [2, 'discarded'],
      [1, 'retried'],
    ]);
  });
});
