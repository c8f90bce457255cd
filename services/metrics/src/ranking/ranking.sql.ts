import { columnParameters, rows, unnest } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { peerSources } from './peers.js';

/** A ranking over explicit peers, or (provinceIds null) over every province that reported. */
interface RankingRequest {
  year: number;
  provinceIds: readonly string[] | null;
}

export interface IndicatorRankingRequest extends RankingRequest {
  indicator: string;
}

export interface IndexRankingRequest extends RankingRequest {
  index: string;
  /** Coverage (0–1) below which a province ranks after every province at or above it. */
  minCoverage: number;
}

export interface IndicatorRankRow {
  provinceId: string;
  value: number | null;
  rank: number | null;
  score: number | null;
  derived: boolean;
}

export interface IndexScoreRow {
  provinceId: string;
  score: number;
  rank: number;
  coverage: number;
  belowMinCoverage: boolean;
}

/**
 * Each peer's value of an indicator in a year (`value`), with whether it is
 * derived (`derived`): a peer that existed reads its own row; a unit that did
 * not exist yet reads Σ numerators / Σ denominators of its predecessors when
 * every one of them reported both (×100 for a percentage), otherwise none.
 * `subject` is the row source that gives each request (`grp`) its
 * indicator_code, year and unit, as `alias`; `keep` are its columns carried on.
 * Only derived peers, few or none in most rankings, are grouped: grouping
 * every row by peer cost Postgres a sixth of the statement for every season of
 * every cluster and two thirds for one season (docs/operations.md).
 */
function peerValues(subject: string, alias: string, keep: readonly string[]): string {
  const kept = keep.map((column) => `${alias}.${column}`).join(', ');
  const sources = `FROM peer_source s
         JOIN ${subject} ${alias} ON ${alias}.grp = s.grp
         LEFT JOIN observation o
           ON o.province_id = s.source_id AND o.indicator_code = ${alias}.indicator_code AND o.year = ${alias}.year`;
  return `
       SELECT s.grp, s.peer_id, false AS derived, ${kept}, o.value
         ${sources}
        WHERE NOT s.derived
       UNION ALL
       SELECT s.grp, s.peer_id, true, ${kept},
              CASE WHEN count(*) = count(o.numerator) AND count(*) = count(o.denominator) AND sum(o.denominator) > 0
                THEN CASE WHEN ${alias}.unit = 'PERCENT' THEN 100 ELSE 1 END * sum(o.numerator) / sum(o.denominator)
              END
         ${sources}
        WHERE s.derived
        GROUP BY s.grp, s.peer_id, ${kept}, ${alias}.unit`;
}

/**
 * The normalised 0–100 score of `value` (docs/ranking.md): bounded indicators are
 * scaled by scaleMax, unbounded ones min–max over the peers' reported values
 * (`lo`, `hi`), inverted when lower is better, 100 for all when max = min.
 */
const normalisedScore = `
  CASE WHEN value IS NULL THEN NULL
       WHEN scale_max IS NOT NULL AND direction = 'LOWER_IS_BETTER' THEN 100 * (1 - value / scale_max)
       WHEN scale_max IS NOT NULL THEN 100 * value / scale_max
       WHEN hi = lo THEN 100
       WHEN direction = 'LOWER_IS_BETTER' THEN 100 * (hi - value) / (hi - lo)
       ELSE 100 * (value - lo) / (hi - lo)
  END`;

const requestShape = { group: 'int', subject: 'text', year: 'int', open: 'bool' } as const;
const peerShape = { group: 'int', peerId: 'text', sourceId: 'text', derived: 'bool' } as const;
/** The requests, numbered by their place (`grp`), as a row source of $1–$4. */
const asked = unnest([], requestShape)[0];
/** The explicit peers of each request, as a row source of $5–$8. */
const explicit = unnest([], peerShape, 5)[0];

/**
 * The parameters of {@link asked} and {@link explicit} for these requests,
 * built field by field: an object per peer, spread to add its request's
 * number, was a tenth of the JavaScript an every-season ranking cost
 * (docs/operations.md).
 */
function rankingInput<R extends RankingRequest>(requests: readonly R[], subject: (request: R) => string): unknown[] {
  const peers = { group: [] as number[], peerId: [] as string[], sourceId: [] as string[], derived: [] as boolean[] };
  requests.forEach((request, group) => {
    if (!request.provinceIds) return;
    for (const source of peerSources(request.provinceIds, request.year)) {
      peers.group.push(group);
      peers.peerId.push(source.peerId);
      peers.sourceId.push(source.sourceId);
      peers.derived.push(source.derived);
    }
  });
  const requestColumns = {
    group: requests.map((_, group) => group),
    subject: requests.map(subject),
    year: requests.map((request) => request.year),
    open: requests.map((request) => request.provinceIds === null),
  };
  return [...columnParameters(requestColumns, requestShape), ...columnParameters(peers, peerShape)];
}

/**
 * The rows of a statement over `count` numbered requests (its `group` column),
 * by request. Each row keeps its `group`: the callers pick the fields they
 * answer with, and copying every row without it cost an object per row.
 */
export function groupRows<T extends { group: number }>(rows: T[], count: number): T[][] {
  const groups: T[][] = Array.from({ length: count }, () => []);
  for (const row of rows) groups[row.group].push(row);
  return groups;
}

/**
 * The rows of a ranking statement by request, with null for each request
 * whose indicator or index is unknown: the statement marks such a request
 * with one row without a province, so telling an unknown subject from an
 * empty ranking costs no second statement.
 */
function rankingsByRequest<T extends { group: number; provinceId: string | null }>(
  rows: T[],
  count: number,
): (T[] | null)[] {
  const groups: (T[] | null)[] = groupRows(rows, count);
  for (const row of rows) if (row.provinceId === null) groups[row.group] = null;
  return groups;
}

/**
 * Ranks any number of (indicator, year, peers) requests in ONE statement, so
 * a request costs the same whatever the size of its peer groups. Full
 * precision throughout; values and scores are rounded to 4 decimals last.
 * A request whose indicator is unknown gets null.
 */
export async function rankIndicators(
  db: DataSource,
  requests: readonly IndicatorRankingRequest[],
): Promise<(IndicatorRankRow[] | null)[]> {
  const parameters = rankingInput(requests, (r) => r.indicator);
  const ranked = await rows<IndicatorRankRow & { group: number }>(db, indicatorRanking, parameters);
  return rankingsByRequest(ranked, requests.length);
}

/** The statement of {@link rankIndicators}. */
const indicatorRanking = {
  name: 'metrics.indicator-ranking',
  text: `WITH request AS (
       SELECT r.grp, r.indicator_code, r.year, r.open, i.unit, i.direction, i.scale_max
         FROM ${asked} AS r(grp, indicator_code, year, open)
         JOIN indicator i ON i.code = r.indicator_code
     ),
     peer_source AS (SELECT * FROM ${explicit} AS s(grp, peer_id, source_id, derived)),
     -- Explicit peers look their values up; over every province that reported, the rows found are the values.
     peer_value AS (${peerValues('request', 'r', ['direction', 'scale_max'])}
       UNION ALL
       SELECT r.grp, o.province_id, false, r.direction, r.scale_max, o.value
         FROM request r JOIN observation o ON o.indicator_code = r.indicator_code AND o.year = r.year
        WHERE r.open
     ),
     ranked AS (
       SELECT v.*,
              min(value) OVER (PARTITION BY grp) AS lo,
              max(value) OVER (PARTITION BY grp) AS hi,
              RANK() OVER (PARTITION BY grp, value IS NULL
                           ORDER BY CASE WHEN direction = 'LOWER_IS_BETTER' THEN value ELSE -value END) AS rank
         FROM peer_value v
     )
     SELECT grp AS "group", peer_id AS "provinceId", derived AND value IS NOT NULL AS derived,
            round(value::numeric, 4)::float8 AS value,
            CASE WHEN value IS NOT NULL THEN rank::int END AS rank,
            round((${normalisedScore})::numeric, 4)::float8 AS score
       FROM ranked
     UNION ALL
     -- One row without a province for each request whose indicator is unknown.
     SELECT r.grp, NULL, NULL, NULL, NULL, NULL
       FROM ${asked} AS r(grp, indicator_code, year, open)
      WHERE NOT EXISTS (SELECT 1 FROM indicator i WHERE i.code = r.indicator_code)`,
};

/**
 * Index scores for any number of (index, year, peers) requests in ONE
 * statement: each component normalised over the peers, then Σ(weight ×
 * score) / Σ(weight) over the components a province reported; coverage =
 * reported weight / total weight. Provinces with no component are left out;
 * those below the request's minimum coverage rank after all the others.
 * A request whose index is unknown gets null.
 */
export async function rankIndices(
  db: DataSource,
  requests: readonly IndexRankingRequest[],
): Promise<(IndexScoreRow[] | null)[]> {
  const parameters = [...rankingInput(requests, (r) => r.index), requests.map((r) => r.minCoverage)];
  const scored = await rows<IndexScoreRow & { group: number }>(db, indexRanking, parameters);
  return rankingsByRequest(scored, requests.length);
}

/** The statement of {@link rankIndices}; $9 is each request's minimum coverage, by its place (grp is 0-based, ordinality 1-based). */
const indexRanking = {
  name: 'metrics.index-ranking',
  text: `WITH request AS (
       SELECT r.*, m.min_coverage
         FROM ${asked} AS r(grp, index_id, year, open)
         JOIN unnest($9::float8[]) WITH ORDINALITY AS m(min_coverage, n) ON m.n = r.grp + 1
     ),
     component AS (
       SELECT r.grp, r.year, r.open, c.indicator_code, c.weight, i.unit, i.direction, i.scale_max
         FROM request r
         JOIN index_component c ON c.index_id = r.index_id
         JOIN indicator i ON i.code = c.indicator_code
     ),
     peer_source AS (
       SELECT * FROM ${explicit} AS s(grp, peer_id, source_id, derived)
       UNION
       SELECT c.grp, o.province_id, o.province_id, false
         FROM component c JOIN observation o ON o.indicator_code = c.indicator_code AND o.year = c.year
        WHERE c.open
     ),
     peer_value AS (${peerValues('component', 'c', ['indicator_code', 'weight', 'direction', 'scale_max'])}
     ),
     component_score AS (
       SELECT grp, peer_id, weight, ${normalisedScore} AS score
         FROM (SELECT v.*,
                      min(value) OVER (PARTITION BY grp, indicator_code) AS lo,
                      max(value) OVER (PARTITION BY grp, indicator_code) AS hi
                 FROM peer_value v) v
     ),
     total AS (SELECT grp, sum(weight) AS weight FROM component GROUP BY grp),
     province_score AS (
       SELECT s.grp, s.peer_id,
              sum(s.weight * s.score) / sum(s.weight) FILTER (WHERE s.score IS NOT NULL) AS score,
              sum(s.weight) FILTER (WHERE s.score IS NOT NULL) / t.weight AS coverage
         FROM component_score s JOIN total t ON t.grp = s.grp
        GROUP BY s.grp, s.peer_id, t.weight
       HAVING count(s.score) > 0
     ),
     -- Below the minimum coverage a province ranks after every province at or above it.
     ruled AS (
       SELECT s.*, s.coverage < r.min_coverage AS below
         FROM province_score s JOIN request r ON r.grp = s.grp
     )
     SELECT grp AS "group", peer_id AS "provinceId",
            round(score::numeric, 4)::float8 AS score,
            (RANK() OVER (PARTITION BY grp, below ORDER BY score DESC)
              + CASE WHEN below THEN count(*) FILTER (WHERE NOT below) OVER (PARTITION BY grp) ELSE 0 END)::int AS rank,
            round(coverage::numeric, 4)::float8 AS coverage,
            below AS "belowMinCoverage"
       FROM ruled
     UNION ALL
     -- One row without a province for each request whose index is unknown.
     SELECT r.grp, NULL, NULL, NULL, NULL, NULL
       FROM request r
      WHERE NOT EXISTS (SELECT 1 FROM index_definition x WHERE x.id = r.index_id)`,
};
