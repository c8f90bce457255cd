import { seasonLocked, type BaseContext } from '@thidua/kit';
import type { NodeRecord } from '@thidua/kit/exchange';

/**
 * Figures of a locked season's members for its year are part of that
 * season's record. Awards keeps the locks; metrics asks it, with a service
 * identity that may read `seasonLocks` and nothing else, before it writes.
 */
export const awardsLink = { scope: ['seasonLocks'] };

interface Cell {
  provinceId: string;
  year: number;
}

interface LockAnswer {
  seasonLocks: {
    province: { id: string };
    year: number;
    season: { clusterId: string };
    lockedBy: string;
    lockedAt: string;
  }[];
}

const query = `query ($cells: [ProvinceYearInput!]!) {
  seasonLocks(cells: $cells) { province { id } year season { clusterId } lockedBy lockedAt }
}`;

/** The locks (if any) over the given cells: one request for the whole batch. */
async function locksOver(ctx: BaseContext, cells: readonly Cell[]): Promise<LockAnswer['seasonLocks']> {
  const distinct = [...new Map(cells.map((c) => [`${c.provinceId}:${c.year}`, c])).values()];
  if (distinct.length === 0) return [];
  const data = await ctx.links.awards.query<LockAnswer>(
    query,
    { cells: distinct.map(({ provinceId, year }) => ({ provinceId, year })) },
    ctx.logger,
  );
  return data.seasonLocks;
}

/**
 * Refuses the write with SEASON_LOCKED when any cell belongs to a locked
 * season, naming the first one. If awards cannot say, the write fails with
 * SERVICE_UNAVAILABLE: a write that might break a season's record is not guessed at.
 */
export async function refuseLockedFigures(ctx: BaseContext, cells: readonly Cell[], what: string): Promise<void> {
  const [lock] = await locksOver(ctx, cells);
  if (lock) {
    throw seasonLocked(
      { clusterId: lock.season.clusterId, year: lock.year, lockedBy: lock.lockedBy, lockedAt: lock.lockedAt },
      `${what} (${lock.province.id}, ${lock.year})`,
    );
  }
}

/** The port an observation write asks whether its (province, year) cells belong to a locked season. */
export interface FigureLocks {
  /** SEASON_LOCKED naming the first locked cell; SERVICE_UNAVAILABLE when awards cannot say. */
  refuse(cells: readonly Cell[], what: string): Promise<void>;
}

/** The figure locks as this request's awards link sees them. */
export function figureLocks(ctx: BaseContext): FigureLocks {
  return { refuse: (cells, what) => refuseLockedFigures(ctx, cells, what) };
}

/** A provincial node's observations for a locked season's year are refused on arrival, batch by batch. */
export async function screenNodeRecords(records: NodeRecord[], ctx: BaseContext): Promise<Map<string, string>> {
  const cells = records.map((record) => ({ provinceId: record.provinceId, year: Number(record.payload.year) }));
  const locks = await locksOver(
    ctx,
    cells.filter((cell) => Number.isInteger(cell.year)),
  );
  const refused = new Map<string, string>();
  records.forEach((record, i) => {
    const lock = locks.find((l) => l.province.id === cells[i].provinceId && l.year === cells[i].year);
    if (lock) {
      refused.set(
        record.recordId,
        seasonLocked(
          { clusterId: lock.season.clusterId, year: lock.year, lockedBy: lock.lockedBy, lockedAt: lock.lockedAt },
          `the observation ${String(record.payload.indicator)} of (${lock.province.id}, ${lock.year})`,
        ).message,
      );
    }
  });
  return refused;
}
