import type { DataSource, EntityManager } from 'typeorm';

/** What `second` did in {@link overlapTransactions}. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `first` in a transaction and, before committing it, starts `second` in
 * another; commits the first once the second waits on one of its locks (or
 * has finished without waiting). So the two writers really overlap, every
 * time, without guessing at timings: tests of concurrent writes use it.
 */
export async function overlapTransactions<A, B>(
  dataSource: DataSource,
  first: (em: EntityManager) => Promise<A>,
  second: (em: EntityManager) => Promise<B>,
): Promise<[A, Outcome<B>]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const firstValue = await first(runner.manager);
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    let finished = false;
    const secondOutcome = dataSource.transaction(second).then(
      (value): Outcome<B> => ({ ok: true, value }),
      (error: unknown): Outcome<B> => ({ ok: false, error }),
    );
    void secondOutcome.then(() => (finished = true));
    while (!finished) {
      const [{ waiting }] = (await dataSource.query(
        'SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
        [pid],
      )) as { waiting: number }[];
      if (waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await runner.commitTransaction();
    return [firstValue, await secondOutcome];
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
