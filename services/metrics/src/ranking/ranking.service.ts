import { badInput } from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import { compareByName, provinceRegistry } from '../common/provinces.js';
import type { Loaders } from '../context.js';
import type { IndexScoreRow, IndicatorRankRow } from './ranking.sql.js';
import type { IndexScore, IndicatorRank } from './ranking.types.js';

/** The id of the default index: the one `ClusterSeason.ictRanking` and combined standings use. */
export const DEFAULT_INDEX = 'ict';

/**
 * The default minimum coverage: a province that reported less than 60 % of an
 * index's weight ranks after every province at or above it (ranking method, docs/metrics.md).
 */
export const DEFAULT_MIN_COVERAGE = 0.6;

/** A minimum coverage between 0 and 1, or BAD_USER_INPUT. */
export function checkMinCoverage(minCoverage: number): number {
  if (!(minCoverage >= 0 && minCoverage <= 1)) {
    throw badInput('minCoverage', minCoverage, 'is not a share between 0 and 1');
  }
  return minCoverage;
}

/** Known province ids in the order given, each once; an unknown one is BAD_USER_INPUT naming it. */
export function checkProvinceIds(field: string, provinceIds: readonly string[]): string[] {
  provinceIds.forEach((id, index) => {
    if (!provinceRegistry().get(id)) throw badInput(`${field}[${index}]`, id, 'is not a known province');
  });
  return [...new Set(provinceIds)];
}

/** Best first; equal ranks and non-reporters by Vietnamese name. */
function byRankThenName(a: { rank: number | null; provinceId: string }, b: typeof a): number {
  if (a.rank !== b.rank) {
    if (a.rank === null) return 1;
    if (b.rank === null) return -1;
    return a.rank - b.rank;
  }
  return compareByName(a.provinceId, b.provinceId);
}

function toIndicatorRank(row: IndicatorRankRow): IndicatorRank {
  return { province: { id: row.provinceId }, value: row.value, rank: row.rank, score: row.score, derived: row.derived };
}

function toIndexScore(row: IndexScoreRow, minCoverage: number): IndexScore {
  return {
    province: { id: row.provinceId },
    score: row.score,
    rank: row.rank,
    coverage: row.coverage,
    belowMinCoverage: row.belowMinCoverage,
    note: row.belowMinCoverage
      ? `coverage ${row.coverage} is below the minimum ${minCoverage}: ranked after every province at or above it`
      : null,
  };
}

/**
 * An indicator ranking by the pinned method (docs/ranking.md): over `provinceIds` (non-reporters last
 * with rank null) or, when null, over every province that reported.
 */
export async function rankIndicator(
  loaders: Pick<Loaders, 'indicatorRanking'>,
  indicator: string,
  year: number,
  provinceIds: string[] | null,
): Promise<IndicatorRank[]> {
  checkYear('year', year);
  const rows = await loaders.indicatorRanking.load({ indicator, year, provinceIds });
  if (rows === null) throw badInput('indicator', indicator, 'is not a known indicator');
  return [...rows].sort(byRankThenName).map(toIndicatorRank);
}

/**
 * An index ranking by the pinned method (docs/ranking.md): over `provinceIds` or, when null, over
 * every province that reported any component; only provinces with some
 * coverage are listed, and those below `minCoverage` rank after the others.
 */
export async function rankIndex(
  loaders: Pick<Loaders, 'indexRanking'>,
  index: string,
  year: number,
  provinceIds: string[] | null,
  minCoverage = DEFAULT_MIN_COVERAGE,
): Promise<IndexScore[]> {
  checkYear('year', year);
  checkMinCoverage(minCoverage);
  const rows = await loaders.indexRanking.load({ index, year, provinceIds, minCoverage });
  if (rows === null) throw badInput('index', index, 'is not a known index');
  return [...rows].sort(byRankThenName).map((row) => toIndexScore(row, minCoverage));
}
