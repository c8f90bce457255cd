import type { DataSource } from 'typeorm';

/**
 * Resolves once `count` sessions of this database wait for a lock: how a test
 * knows that concurrent requests have all reached the point it holds them at.
 */
export async function waitForLockWaiters(dataSource: DataSource, count: number, attempts = 500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const [{ waiting }] = await dataSource.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${count} sessions never waited for a lock`);
}
