import { useQuery } from '../api/client';
import { sortClusters } from '../api/clusters';
import { Downloads } from '../components/downloads';
import { LineChart, type ChartPoint } from '../components/line-chart';
import { PageTitle } from '../components/page-title';
import { Provenance } from '../components/provenance';
import { Tallies } from '../components/tallies';
import { Commendations } from '../components/commendations';
import { formatValue } from '../components/scale';
import { Loading, PartialNotice, QueryView } from '../components/status';
import { WriteLinks } from '../components/write-links';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { Link, seasonRoute, type Route } from '../router';

const ProvinceQuery = graphql(`
  query Province($id: ID!) {
    province(id: $id) {
      id
      code
      name
      kind
      region
      validFrom
      validUntil
      successor {
        id
        name
        validFrom
      }
      predecessors {
        id
        name
        validUntil
      }
      observations {
        year
        value
        numerator
        denominator
        source
        derived
        derivedFrom {
          id
          name
        }
        indicator {
          code
          name
          unit
          scaleMax
          pillar
        }
      }
      commendations {
        id
        form
        year
        recipientKind
        recipientName
        issuer
        decision
        citation
        source
        points
        yearApproximate
        periodFrom
        periodTo
      }
      commendationTallies {
        id
        form
        recipientKind
        count
        periodFrom
        periodTo
        year
        citation
        source
      }
    }
  }
`);

/** Who sat in which cluster each year; one request for all clusters is smaller than one per year. */
const ClusterMembershipQuery = graphql(`
  query ClusterMembership {
    clusters {
      id
      name
      seasons {
        year
        members {
          id
        }
        head {
          id
        }
        deputyHead {
          id
        }
      }
    }
  }
`);

type Province = NonNullable<ResultOf<typeof ProvinceQuery>['province']>;
type Observation = NonNullable<Province['observations']>[number];

/** Computed by the metrics service from the unit's predecessors, never reported by the unit itself. */
const isDerived = (observation: Observation) => observation.derived;

function Lineage({ province }: { province: Province }) {
  const { t, format } = useI18n();
  const hasDerived = province.observations?.some(isDerived) ?? false;
  return (
    <section aria-labelledby="lineage-title" className="panel">
      <h2 id="lineage-title">{t.lineage}</h2>
      {province.successor ? (
        <p>
          {t.mergedInto}{' '}
          <Link to={{ page: 'province', provinceId: province.successor.id }}>{province.successor.name}</Link>{' '}
          {t.mergedOn(format.date(province.successor.validFrom))}
        </p>
      ) : null}
      {province.predecessors.length > 0 ? (
        <>
          <p>{t.formedFrom(format.date(province.validFrom))}</p>
          <ul>
            {province.predecessors.map((p) => (
              <li key={p.id}>
                <Link to={{ page: 'province', provinceId: p.id }}>{p.name}</Link>
              </li>
            ))}
          </ul>
          {hasDerived ? <p className="hint">{t.derivedNote}</p> : null}
        </>
      ) : null}
      {!province.successor && province.predecessors.length === 0 ? <p>{t.unchanged}</p> : null}
    </section>
  );
}

function ClusterYears({ provinceId }: { provinceId: string }) {
  const { t } = useI18n();
  const state = useQuery(ClusterMembershipQuery, {});
  if (!state.data) return state.failure ? <PartialNotice errors={[{ message: state.failure.message }]} /> : <Loading />;
  const rows = sortClusters(state.data.clusters)
    .flatMap((cluster) =>
      cluster.seasons
        .filter((s) => s.members.some((m) => m.id === provinceId))
        .map((s) => ({
          cluster,
          year: s.year,
          role: s.head?.id === provinceId ? t.head : s.deputyHead?.id === provinceId ? t.deputyHead : t.member,
        })),
    )
    .sort((a, b) => b.year - a.year);
  if (rows.length === 0) return <p>{t.noClusterYears}</p>;
  return (
    <table className="data compact">
      <caption className="sr-only">{t.clustersByYear}</caption>
      <thead>
        <tr>
          <th scope="col">{t.year}</th>
          <th scope="col">{t.cluster}</th>
          <th scope="col">{t.role}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.cluster.id}-${row.year}`}>
            <td>{row.year}</td>
            <td>
              <Link to={seasonRoute('standings', row.cluster.id, row.year)}>{row.cluster.name}</Link>
            </td>
            <td>{row.role}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Series {
  indicator: Observation['indicator'];
  points: (ChartPoint & { observation: Observation })[];
}

function seriesOf(observations: readonly Observation[]): Series[] {
  const byCode = new Map<string, Series>();
  for (const observation of observations) {
    const series = byCode.get(observation.indicator.code) ?? { indicator: observation.indicator, points: [] };
    series.points.push({
      year: observation.year,
      value: observation.value,
      derived: isDerived(observation),
      observation,
    });
    byCode.set(observation.indicator.code, series);
  }
  for (const series of byCode.values()) series.points.sort((a, b) => a.year - b.year);
  return [...byCode.values()].sort(
    (a, b) =>
      a.indicator.pillar.localeCompare(b.indicator.pillar, 'vi') || a.indicator.code.localeCompare(b.indicator.code),
  );
}

function Trends({ observations }: { observations: readonly Observation[] }) {
  const { t, format } = useI18n();
  const series = seriesOf(observations);
  if (series.length === 0) return <p>{t.noObservations}</p>;
  const anyDerived = observations.some(isDerived);
  const pillars = new Map<string, Series[]>();
  for (const s of series) pillars.set(s.indicator.pillar, [...(pillars.get(s.indicator.pillar) ?? []), s]);
  return (
    <>
      {anyDerived ? (
        <p className="hint">
          <span className="derived-key" aria-hidden="true" /> {t.derivedLegend}
        </p>
      ) : null}
      {[...pillars].map(([pillar, group]) => (
        <section key={pillar} className="pillar">
          <h3>{pillar}</h3>
          <div className="charts">
            {group.map(({ indicator, points }) => {
              const show = (value: number) => formatValue(indicator, value, format);
              return (
                <figure key={indicator.code} className="chart-card">
                  <figcaption>
                    <span className="chart-title">{indicator.name}</span>{' '}
                    <span className="unit">({t.units[indicator.unit] ?? indicator.unit})</span>
                  </figcaption>
                  <LineChart
                    label={t.chartLabel(indicator.name, points.length)}
                    points={points}
                    formatValue={show}
                    formatTick={(value) => format.number(value, 2)}
                    suggestedMax={indicator.scaleMax ?? undefined}
                    derivedLabel={t.derived}
                  />
                  <details>
                    <summary>{t.showTable}</summary>
                    <table className="data compact">
                      <thead>
                        <tr>
                          <th scope="col">{t.year}</th>
                          <th scope="col" className="num">
                            {t.value}
                          </th>
                          <th scope="col" className="num">
                            {t.ratio}
                          </th>
                          <th scope="col">{t.source}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {points.map(({ year, observation }) => (
                          <tr key={year}>
                            <td>{year}</td>
                            <td className="num">
                              {show(observation.value)}
                              {isDerived(observation) ? <span className="badge badge-derived">{t.derived}</span> : null}
                            </td>
                            <td className="num">
                              {observation.numerator != null && observation.denominator != null
                                ? `${format.number(observation.numerator, 2)} / ${format.number(observation.denominator, 2)}`
                                : t.dash}
                            </td>
                            <td className="source">
                              {observation.derivedFrom?.length ? (
                                t.derivedFrom(observation.derivedFrom.map((p) => p.name).join(', '))
                              ) : (
                                <Provenance sources={[observation.source]} />
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                </figure>
              );
            })}
          </div>
        </section>
      ))}
    </>
  );
}

/** One province: facts, lineage, clusters by year, indicator trends and commendations. */
export function ProvincePage({ route }: { route: Extract<Route, { page: 'province' }> }) {
  const { t, format } = useI18n();
  const state = useQuery(ProvinceQuery, { id: route.provinceId });
  const province = state.data?.province;
  return (
    <>
      <PageTitle focusOnOpen>
        {province ? t.provinceTitle(province.name) : state.data ? route.provinceId : t.province}
      </PageTitle>
      <QueryView state={state}>
        {(data) => {
          const p = data.province;
          if (!p) return <p className="notice notice-info">{t.unknownProvince(route.provinceId)}</p>;
          return (
            <>
              <WriteLinks provinceId={p.id} />
              <dl className="facts">
                <div>
                  <dt>{t.kind}</dt>
                  <dd>{t.kinds[p.kind] ?? p.kind}</dd>
                </div>
                <div>
                  <dt>{t.code}</dt>
                  <dd>{p.code}</dd>
                </div>
                <div>
                  <dt>{t.region}</dt>
                  <dd>{t.regions[p.region] ?? p.region}</dd>
                </div>
                <div>
                  <dt>{t.validFrom}</dt>
                  <dd>{p.validFrom ? format.date(p.validFrom) : t.sinceRecords}</dd>
                </div>
                <div>
                  <dt>{t.validUntil}</dt>
                  <dd>{p.validUntil ? format.date(p.validUntil) : t.stillExists}</dd>
                </div>
              </dl>
              <div className="columns">
                <Lineage province={p} />
                <section aria-labelledby="clusters-title" className="panel">
                  <h2 id="clusters-title">{t.clustersByYear}</h2>
                  <ClusterYears provinceId={p.id} />
                  <Downloads table="clusters" query={{ province: p.id }} what={t.clustersByYear} />
                </section>
              </div>
              <section aria-labelledby="trends-title">
                <h2 id="trends-title">{t.trends}</h2>
                {p.observations?.length ? (
                  <Downloads table="observations" query={{ province: p.id }} what={t.trends} />
                ) : null}
                {p.observations ? <Trends observations={p.observations} /> : <p>{t.noData}</p>}
              </section>
              <section aria-labelledby="commendations-title">
                <h2 id="commendations-title">{t.commendations}</h2>
                {p.commendations?.length ? (
                  <Downloads table="commendations" query={{ province: p.id }} what={t.commendations} />
                ) : null}
                {p.commendations ? <Commendations commendations={p.commendations} /> : <p>{t.noData}</p>}
                {p.commendationTallies ? <Tallies tallies={p.commendationTallies} /> : null}
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
