import { rows, unnest } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { peerSources } from '../ranking/peers.js';
import { groupRows } from '../ranking/ranking.sql.js';
import type { IndicatorAverageRow } from './cluster-average.type.js';

/** The averages of one season: its year and its members. */
export interface AverageRequest {
  year: number;
  memberIds: readonly string[];
}

const sourceShape = {
  group: 'int',
  year: 'int',
  peerId: 'text',
  sourceId: 'text',
  derived: 'bool',
  sources: 'int',
} as const;

/** The statement of {@link averageIndicators}: each request's peer sources are the row source of $1–$6. */
const averagesStatement = {
  name: 'metrics.indicator-averages',
  text: `WITH peer_value AS (
     SELECT s.grp, s.peer_id, o.indicator_code,
            bool_or(o.source LIKE 'demo:%') AS synthetic,
            CASE WHEN NOT bool_or(s.derived) THEN max(o.value)
                 WHEN count(o.numerator) = max(s.sources) AND count(o.denominator) = max(s.sources)
                      AND sum(o.denominator) > 0
                   THEN CASE WHEN i.unit = 'PERCENT' THEN 100 ELSE 1 END * sum(o.numerator) / sum(o.denominator)
            END AS value
       FROM ${unnest([], sourceShape)[0]} AS s(grp, year, peer_id, source_id, derived, sources)
       JOIN observation o ON o.province_id = s.source_id AND o.year = s.year AND o.value_kind = 'EXACT'
       JOIN indicator i ON i.code = o.indicator_code
      GROUP BY s.grp, s.peer_id, o.indicator_code, i.unit
   )
   SELECT grp AS "group", indicator_code AS "indicatorCode",
          round(avg(value)::numeric, 4)::float8 AS average,
          count(*)::int AS reporting,
          count(*) FILTER (WHERE synthetic)::int AS synthetic
     FROM peer_value
    WHERE value IS NOT NULL
    GROUP BY grp, indicator_code
    ORDER BY grp, indicator_code`,
};

/**
 * Every indicator's mean over each request's members, for any number of
 * requests in ONE statement. A member's value is its own exact value or, for a
 * unit that did not exist yet, Σ numerators / Σ denominators of its
 * predecessors when every one of them has an exact value with both; a member
 * without a value is left out, as is every value stated as a range, a lower
 * bound or an approximation.
 */
export async function averageIndicators(
  db: DataSource,
  requests: readonly AverageRequest[],
): Promise<IndicatorAverageRow[][]> {
  const sources = requests.flatMap((request, group) => {
    const peers = peerSources(request.memberIds, request.year);
    return peers.map((peer) => ({
      ...peer,
      group,
      year: request.year,
      sources: peers.filter((other) => other.peerId === peer.peerId).length,
    }));
  });
  const found = await rows<IndicatorAverageRow & { group: number }>(
    db,
    averagesStatement,
    unnest(sources, sourceShape)[1],
  );
  return groupRows(found, requests.length);
}
