import type { Logger, ServiceLink } from '@thidua/kit';
import type { ProvinceRegistry } from '@thidua/kit/reference';

/**
 * What awards reads from the metrics subgraph during a write: the scores that
 * pre-fill indicator-linked criteria, and at the lock the ICT index and the
 * exact observations the results use. One `_entities` request each, with the
 * season's members (and each member's predecessors) in the representations,
 * as the gateway would hand them over for `@requires`.
 */
export const metricsLink = { scope: ['_entities'] };

/** One member's ICT index result. */
export interface IctResult {
  provinceId: string;
  score: number;
  coverage: number;
}

/** One observation the results rest on, with its revision (0 when derived from predecessors). */
export interface FigureUsed {
  provinceId: string;
  indicator: string;
  value: number;
  revision: number;
  derived: boolean;
}

export interface SeasonRef {
  clusterId: string;
  year: number;
  memberIds: string[];
}

interface RankEntry {
  province: { id: string };
  score: number | null;
}

function seasonRepresentation(season: SeasonRef) {
  return {
    __typename: 'ClusterSeason',
    clusterId: season.clusterId,
    year: season.year,
    members: season.memberIds.map((id) => ({ id })),
  };
}

/**
 * Each member's normalised 0–100 score on each indicator among the season's
 * members (null when it reported none), by indicator code then province.
 */
export async function indicatorScores(
  metrics: ServiceLink,
  season: SeasonRef,
  indicators: readonly string[],
  logger: Logger,
): Promise<Map<string, Map<string, number | null>>> {
  const result = new Map<string, Map<string, number | null>>();
  if (indicators.length === 0 || season.memberIds.length === 0) return result;
  const fields = indicators
    .map((_, i) => `i${i}: indicatorRanking(indicator: $i${i}) { province { id } score }`)
    .join(' ');
  const variables: Record<string, unknown> = { r: [seasonRepresentation(season)] };
  indicators.forEach((code, i) => (variables[`i${i}`] = code));
  const declarations = indicators.map((_, i) => `$i${i}: ID!`).join(', ');
  const data = await metrics.query<{ _entities: (Record<string, RankEntry[] | null> | null)[] }>(
    `query ($r: [_Any!]!, ${declarations}) { _entities(representations: $r) { ... on ClusterSeason { ${fields} } } }`,
    variables,
    logger,
  );
  const entity = data._entities[0] ?? {};
  indicators.forEach((code, i) => {
    result.set(code, new Map((entity[`i${i}`] ?? []).map((entry) => [entry.province.id, entry.score])));
  });
  return result;
}

interface IctEntry {
  province: { id: string };
  score: number;
  coverage: number;
}

interface ObservationEntry {
  indicator: { code: string };
  value: number;
  revision: number;
  derived: boolean;
}

/** Each entity is the season (its ICT ranking) or one member (its observations). */
interface FiguresAnswer {
  _entities: ({ ictRanking?: IctEntry[] | null; observations?: ObservationEntry[] | null } | null)[];
}

/**
 * The ICT index of the season's members and every observation of theirs for
 * the season's year (derived ones for merged units), as metrics has them now.
 */
export async function seasonFigures(
  metrics: ServiceLink,
  season: SeasonRef,
  registry: ProvinceRegistry,
  logger: Logger,
): Promise<{ ict: IctResult[]; figures: FigureUsed[] }> {
  const provinces = season.memberIds.map((id) => ({
    __typename: 'Province',
    id,
    predecessors: (registry.get(id)?.predecessorIds ?? []).map((predecessor) => ({ id: predecessor })),
  }));
  const data = await metrics.query<FiguresAnswer>(
    `query ($r: [_Any!]!, $year: Int!) {
      _entities(representations: $r) {
        ... on ClusterSeason { ictRanking { province { id } score coverage } }
        ... on Province { observations(year: $year) { indicator { code } value revision derived } }
      }
    }`,
    { r: [seasonRepresentation(season), ...provinces], year: season.year },
    logger,
  );
  const [seasonEntity, ...provinceEntities] = data._entities;
  const ict = (seasonEntity?.ictRanking ?? []).map((entry) => ({
    provinceId: entry.province.id,
    score: entry.score,
    coverage: entry.coverage,
  }));
  const figures = provinceEntities.flatMap((entity, index) =>
    (entity?.observations ?? []).map((o) => ({
      provinceId: season.memberIds[index],
      indicator: o.indicator.code,
      value: o.value,
      revision: o.revision,
      derived: o.derived,
    })),
  );
  return { ict, figures };
}

/** Which of the codes metrics knows as indicators (one request). */
export async function knownIndicators(
  metrics: ServiceLink,
  codes: readonly string[],
  logger: Logger,
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const data = await metrics.query<{ _entities: ({ code: string } | null)[] }>(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Indicator { code } } }',
    { r: codes.map((code) => ({ __typename: 'Indicator', code })) },
    logger,
  );
  return new Set(data._entities.flatMap((entity) => (entity ? [entity.code] : [])));
}
