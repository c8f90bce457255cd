import { useQuery } from '../api/client';
import { sortClusters } from '../api/clusters';
import { Downloads } from '../components/downloads';
import { PageTitle } from '../components/page-title';
import { Tallies } from '../components/tallies';
import { Trends } from '../components/trends';
import { Commendations } from '../components/commendations';
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
                {p.observations ? (
                  <Trends provinceId={p.id} provinceName={p.name} observations={p.observations} />
                ) : (
                  <p>{t.noData}</p>
                )}
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
