import { print } from '@0no-co/graphql.web';
import { useId, useMemo, useState } from 'react';
import { useClusterName } from '../api/clusters';
import { cachedRequest, useLoader, useQuery, type ApiError, type ApiResult } from '../api/client';
import { Downloads } from '../components/downloads';
import { PageTitle } from '../components/page-title';
import { Provenance } from '../components/provenance';
import { formatValue, rankStep } from '../components/scale';
import { ScaleLegend } from '../components/scale-legend';
import { QueryView } from '../components/status';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { Link, type Route } from '../router';

const SeasonIndicatorsQuery = graphql(`
  query SeasonIndicators($clusterId: ID!, $year: Int!) {
    indicators {
      code
      name
      unit
      direction
      scaleMax
      pillar
    }
    cluster(id: $clusterId) {
      id
      name
      season(year: $year) {
        clusterId
        year
        members {
          id
          name
        }
      }
    }
  }
`);

const IndicatorRankFields = graphql(`
  fragment IndicatorRankFields on IndicatorRank @_unmask {
    province {
      id
    }
    value
    rank
    score
    derived
  }
`);

const IndicatorRankingQuery = graphql(
  `
    query IndicatorRanking($clusterId: ID!, $year: Int!, $indicator: ID!) {
      cluster(id: $clusterId) {
        id
        season(year: $year) {
          clusterId
          year
          indicatorRanking(indicator: $indicator) {
            ...IndicatorRankFields
          }
          members {
            id
            observations(year: $year, indicator: $indicator) {
              numerator
              denominator
              source
              derivedFrom {
                id
                name
              }
            }
          }
        }
      }
    }
  `,
  [IndicatorRankFields],
);

type Indicator = ResultOf<typeof SeasonIndicatorsQuery>['indicators'][number];
type Member = { id: string; name: string };
type RankEntry = ResultOf<typeof IndicatorRankFields>;

const aliasesPerRequest = 20; // the gateway limits aliases per operation (30 by default)

/**
 * Every indicator's ranking over the season's members, one operation per batch of indicators: the
 * typed query's `ClusterSeason.indicatorRanking`, aliased per indicator, so its fields stay checked.
 */
async function loadMatrix(
  clusterId: string,
  year: number,
  codes: readonly string[],
  signal: AbortSignal,
): Promise<ApiResult<Map<string, RankEntry[] | null>>> {
  const batches: string[][] = [];
  for (let i = 0; i < codes.length; i += aliasesPerRequest) batches.push(codes.slice(i, i + aliasesPerRequest));
  const fragment = print(IndicatorRankFields);
  const results = await Promise.all(
    batches.map((batch) => {
      const variables: Record<string, unknown> = { clusterId, year };
      batch.forEach((code, i) => (variables[`i${i}`] = code));
      const query = `query IndicatorMatrix($clusterId: ID!, $year: Int!, ${batch.map((_, i) => `$i${i}: ID!`).join(', ')}) {
  cluster(id: $clusterId) { id season(year: $year) { clusterId year
    ${batch.map((_, i) => `i${i}: indicatorRanking(indicator: $i${i}) { ...IndicatorRankFields }`).join('\n    ')}
  } }
}
${fragment}`;
      type MatrixData = { cluster: { season: Record<string, RankEntry[] | null> | null } | null };
      return cachedRequest<MatrixData, Record<string, unknown>>(query, variables, signal).then((result) => ({
        batch,
        result,
      }));
    }),
  );
  const matrix = new Map<string, RankEntry[] | null>();
  const errors: ApiError[] = [];
  let anyData = false;
  for (const { batch, result } of results) {
    errors.push(...result.errors);
    const season = result.data?.cluster?.season;
    if (season) anyData = true;
    batch.forEach((code, i) => matrix.set(code, season?.[`i${i}`] ?? null));
  }
  return { data: anyData ? matrix : null, errors };
}

function groupByPillar(indicators: readonly Indicator[]): [string, Indicator[]][] {
  const groups = new Map<string, Indicator[]>();
  for (const indicator of indicators) {
    const group = groups.get(indicator.pillar) ?? [];
    group.push(indicator);
    groups.set(indicator.pillar, group);
  }
  return [...groups];
}

function Matrix({
  clusterId,
  year,
  indicators,
  members,
}: {
  clusterId: string;
  year: number;
  indicators: readonly Indicator[];
  members: readonly Member[];
}) {
  const { t, format } = useI18n();
  const [showUnreported, setShowUnreported] = useState(false);
  const toggleId = useId();
  const codes = useMemo(() => indicators.map((i) => i.code), [indicators]);
  const state = useLoader(`${clusterId}/${year}/${codes.join(',')}`, (signal) =>
    loadMatrix(clusterId, year, codes, signal),
  );
  return (
    <QueryView state={state}>
      {(matrix) => {
        const reported = (i: Indicator) => matrix.get(i.code)?.some((r) => r.value != null) ?? false;
        const unreported = indicators.filter((i) => !reported(i)).length;
        const shown = showUnreported ? indicators : indicators.filter(reported);
        return (
          <>
            <ScaleLegend />
            <Downloads table="indicators" query={{ cluster: clusterId, year }} what={t.indicatorsCaption} />
            {unreported > 0 ? (
              <p className="toggle">
                <input
                  id={toggleId}
                  type="checkbox"
                  checked={showUnreported}
                  onChange={(event) => setShowUnreported(event.target.checked)}
                />
                <label htmlFor={toggleId}>{t.showUnreported(unreported)}</label>
              </p>
            ) : null}
            {shown.length === 0 ? <p className="notice notice-info">{t.noIndicatorsReported}</p> : null}
            <div className="table-scroll">
              <table className="data matrix">
                <caption>{t.indicatorsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="sticky">
                      {t.indicator}
                    </th>
                    {members.map((m) => (
                      <th key={m.id} scope="col" className="num">
                        <Link to={{ page: 'province', provinceId: m.id }}>{m.name}</Link>
                      </th>
                    ))}
                  </tr>
                </thead>
                {groupByPillar(shown).map(([pillar, group]) => (
                  <tbody key={pillar}>
                    <tr className="group">
                      <th scope="colgroup" colSpan={members.length + 1}>
                        {pillar}
                      </th>
                    </tr>
                    {group.map((indicator) => {
                      const ranks = new Map((matrix.get(indicator.code) ?? []).map((r) => [r.province.id, r]));
                      const ranked = [...ranks.values()].filter((r) => r.value != null && r.rank != null).length;
                      return (
                        <tr key={indicator.code}>
                          <th scope="row" className="sticky">
                            <Link
                              to={{ page: 'indicators', clusterId, year, indicator: indicator.code }}
                              aria-label={t.openRanking(indicator.name)}
                            >
                              {indicator.name}
                            </Link>{' '}
                            <span className="unit">({t.units[indicator.unit] ?? indicator.unit})</span>
                          </th>
                          {members.map((m) => {
                            const entry = ranks.get(m.id);
                            const step = entry?.value == null ? null : rankStep(entry.rank, ranked);
                            return (
                              <td
                                key={m.id}
                                className={step ? 'num cell' : 'num cell cell-missing'}
                                style={step ? { background: step.background, color: step.text } : undefined}
                              >
                                {entry?.value == null ? (
                                  <span className="cell-missing-text">{t.noData}</span>
                                ) : (
                                  <>
                                    <span className="cell-value">
                                      {formatValue(indicator, entry.value, format)}
                                      {entry.derived ? (
                                        <abbr className="derived-mark" title={t.derived}>
                                          *
                                        </abbr>
                                      ) : null}
                                    </span>
                                    {entry.rank != null ? (
                                      <span className="cell-rank">{t.rankOf(entry.rank)}</span>
                                    ) : null}
                                  </>
                                )}
                              </td>
                            );
                          })}
                        </tr>
                      );
                    })}
                  </tbody>
                ))}
              </table>
            </div>
          </>
        );
      }}
    </QueryView>
  );
}

function Ranking({
  clusterId,
  year,
  indicator,
  members,
}: {
  clusterId: string;
  year: number;
  indicator: Indicator;
  members: readonly Member[];
}) {
  const { t, format } = useI18n();
  const state = useQuery(IndicatorRankingQuery, { clusterId, year, indicator: indicator.code });
  const names = new Map(members.map((m) => [m.id, m.name]));
  return (
    <section aria-labelledby="ranking-title">
      <p>
        <Link to={{ page: 'indicators', clusterId, year, indicator: null }}>← {t.backToMatrix}</Link>
      </p>
      <h2 id="ranking-title">{t.rankingTitle(indicator.name)}</h2>
      <dl className="facts">
        <div>
          <dt>{t.pillar}</dt>
          <dd>{indicator.pillar}</dd>
        </div>
        <div>
          <dt>{t.unit}</dt>
          <dd>
            {t.units[indicator.unit] ?? indicator.unit}
            {indicator.scaleMax != null ? ` (0–${format.number(indicator.scaleMax, 2)})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t.direction}</dt>
          <dd>{indicator.direction === 'LOWER_IS_BETTER' ? t.lowerIsBetter : t.higherIsBetter}</dd>
        </div>
      </dl>
      <QueryView state={state}>
        {(data) => {
          const season = data.cluster?.season;
          const ranking = season?.indicatorRanking ?? [];
          const observations = new Map((season?.members ?? []).map((m) => [m.id, m.observations?.[0] ?? null]));
          if (ranking.every((r) => r.value == null)) return <p className="notice notice-info">{t.noIndicatorData}</p>;
          return (
            <>
              <Downloads
                table="indicators"
                query={{ cluster: clusterId, year, indicator: indicator.code }}
                what={t.rankingTitle(indicator.name)}
              />
              <div className="table-scroll">
                <table className="data ranking">
                  <caption className="sr-only">{t.rankingTitle(indicator.name)}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t.rank}
                      </th>
                      <th scope="col">{t.province}</th>
                      <th scope="col" className="num">
                        {t.value}
                      </th>
                      <th scope="col" className="num">
                        {t.ratio}
                      </th>
                      <th scope="col">{t.score}</th>
                      <th scope="col">{t.source}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ranking.map((entry) => {
                      const observation = observations.get(entry.province.id);
                      return (
                        <tr key={entry.province.id}>
                          <td className="num rank">{entry.value == null ? t.dash : (entry.rank ?? t.dash)}</td>
                          <th scope="row">
                            <Link to={{ page: 'province', provinceId: entry.province.id }}>
                              {names.get(entry.province.id) ?? entry.province.id}
                            </Link>
                          </th>
                          <td className="num">
                            {entry.value == null ? t.noData : formatValue(indicator, entry.value, format)}
                            {entry.derived ? <span className="badge badge-derived">{t.derived}</span> : null}
                          </td>
                          <td className="num">
                            {observation?.numerator != null && observation.denominator != null
                              ? `${format.number(observation.numerator, 2)} / ${format.number(observation.denominator, 2)}`
                              : t.dash}
                          </td>
                          <td>
                            <span className="bar" aria-hidden="true">
                              <span className="bar-fill" style={{ width: `${entry.score ?? 0}%` }} />
                            </span>
                            <span className="bar-label">{format.number(entry.score, 1)}</span>
                          </td>
                          <td className="source">
                            {observation?.derivedFrom?.length ? (
                              t.derivedFrom(observation.derivedFrom.map((p) => p.name).join(', '))
                            ) : (
                              <Provenance sources={observation ? [observation.source] : []} />
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

/** Members × indicators with values, ranks and a colour scale; one indicator's ranking when chosen. */
export function IndicatorsPage({ route }: { route: Extract<Route, { page: 'indicators' }> }) {
  const { t } = useI18n();
  const { clusterId, year } = route;
  const state = useQuery(SeasonIndicatorsQuery, { clusterId, year });
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  return (
    <>
      <PageTitle>{t.indicatorsTitle(clusterName, year)}</PageTitle>
      <QueryView state={state}>
        {(data) => {
          const season = data.cluster?.season;
          if (!season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
          if (route.indicator) {
            const indicator = data.indicators.find((i) => i.code === route.indicator);
            if (!indicator) return <p className="notice notice-info">{t.unknownIndicator(route.indicator)}</p>;
            return <Ranking clusterId={clusterId} year={year} indicator={indicator} members={season.members} />;
          }
          return <Matrix clusterId={clusterId} year={year} indicators={data.indicators} members={season.members} />;
        }}
      </QueryView>
    </>
  );
}
