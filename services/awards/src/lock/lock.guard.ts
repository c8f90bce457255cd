import { seasonLocked } from '@thidua/kit';
import { IsNull, type EntityManager } from 'typeorm';
import { SeasonResult } from './season-result.entity.js';

/** The lock in force on a season, or null. */
export function lockInForce(db: EntityManager, clusterId: string, year: number): Promise<SeasonResult | null> {
  return db.getRepository(SeasonResult).findOneBy({ clusterId, year, reopenedAt: IsNull() });
}

/**
 * Refuses `what` with SEASON_LOCKED when the season is locked. Inside a
 * transaction it first shares the season's year row, so a lockSeason running
 * at the same moment either finishes first (and this write is refused) or
 * waits for this write.
 */
export async function refuseIfLocked(db: EntityManager, clusterId: string, year: number, what: string): Promise<void> {
  if (db.queryRunner?.isTransactionActive) {
    await db.query('SELECT 1 FROM season_year WHERE cluster_id = $1 AND year = $2 FOR SHARE', [clusterId, year]);
  }
  const [lock] = await db.query(
    `SELECT cluster_id, year, locked_by, locked_at FROM season_result
      WHERE cluster_id = $1 AND year = $2 AND reopened_at IS NULL`,
    [clusterId, year],
  );
  if (lock) {
    throw seasonLocked(
      { clusterId: lock.cluster_id, year: lock.year, lockedBy: lock.locked_by, lockedAt: lock.locked_at },
      what,
    );
  }
}

/** A (province, year) whose figures and commendations a lock freezes, with that lock. */
export interface LockedCell {
  provinceId: string;
  year: number;
  clusterId: string;
  lockedBy: string;
  lockedAt: Date;
}

/** Which of the given (province, year) cells belong to a locked season's members; one statement. */
export async function lockedCells(
  db: EntityManager,
  cells: readonly { provinceId: string; year: number }[],
): Promise<LockedCell[]> {
  if (cells.length === 0) return [];
  const rows: { province_id: string; year: number; cluster_id: string; locked_by: string; locked_at: Date }[] =
    await db.query(
      `SELECT DISTINCT c.province_id, c.year, r.cluster_id, r.locked_by, r.locked_at
         FROM unnest($1::text[], $2::int[]) AS c(province_id, year)
         JOIN season_result r ON r.year = c.year AND r.reopened_at IS NULL AND c.province_id = ANY (r.member_ids)
        ORDER BY c.year, c.province_id`,
      [cells.map((c) => c.provinceId), cells.map((c) => c.year)],
    );
  return rows.map((row) => ({
    provinceId: row.province_id,
    year: row.year,
    clusterId: row.cluster_id,
    lockedBy: row.locked_by,
    lockedAt: row.locked_at,
  }));
}

/** Refuses `what` with SEASON_LOCKED when any cell is frozen by a lock, naming the first. */
export async function refuseLockedCells(
  db: EntityManager,
  cells: readonly { provinceId: string; year: number }[],
  what: string,
): Promise<void> {
  const [locked] = await lockedCells(db, cells);
  if (locked) throw seasonLocked(locked, `${what} (${locked.provinceId}, ${locked.year})`);
}
