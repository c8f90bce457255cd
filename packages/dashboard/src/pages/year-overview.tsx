import { useQuery } from '../api/client';
import { sortClusters } from '../api/clusters';
import { isNational } from '../auth/permissions';
import { SelectField } from '../components/form';
import { Guard } from '../components/guard';
import { PageTitle } from '../components/page-title';
import { QueryView } from '../components/status';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { hrefOf, Link, navigate, seasonRoute, type Route } from '../router';

const YearOverviewQuery = graphql(`
  query YearOverview($year: Int!) {
    clusters {
      id
      name
      seasons {
        year
      }
      season(year: $year) {
        year
        head {
          id
          name
        }
        members {
          id
        }
        standings {
          rank
          total
          province {
            id
            name
          }
        }
      }
    }
  }
`);

/** Every cluster of a year side by side: head, members, the leaders of its standings. */
export function YearOverviewPage({ route }: { route: Extract<Route, { page: 'yearOverview' }> }) {
  const { t, format } = useI18n();
  const state = useQuery(YearOverviewQuery, { year: route.year }, { keepDataWhile: 'overview' });
  return (
    <>
      <PageTitle>{t.yearOverviewTitle(route.year)}</PageTitle>
      <Guard allow={isNational}>
        {() => (
          <QueryView state={state}>
            {(data) => {
              const years = [
                ...new Set([route.year, ...data.clusters.flatMap((c) => c.seasons.map((s) => s.year))]),
              ].sort((a, b) => b - a);
              const seasons = sortClusters(data.clusters).filter((c) => c.season);
              return (
                <>
                  <div className="form-inline">
                    <SelectField
                      label={t.year}
                      value={String(route.year)}
                      onValue={(value) =>
                        navigate(hrefOf({ page: 'yearOverview', year: Number(value) }), { keepFocus: true })
                      }
                    >
                      {years.map((y) => (
                        <option key={y} value={y}>
                          {y}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                  {seasons.length === 0 ? (
                    <p className="notice notice-info">{t.noSeasonsThatYear}</p>
                  ) : (
                    <div className="cluster-cards">
                      {seasons.map((cluster) => {
                        const season = cluster.season!;
                        const leaders = [...(season.standings ?? [])].sort((a, b) => a.rank - b.rank).slice(0, 3);
                        return (
                          <section key={cluster.id} className="panel cluster-card" aria-labelledby={`c-${cluster.id}`}>
                            <h2 id={`c-${cluster.id}`}>{cluster.name}</h2>
                            <dl className="facts">
                              <div>
                                <dt>{t.head}</dt>
                                <dd>{season.head?.name ?? t.notElected}</dd>
                              </div>
                              <div>
                                <dt>{t.members}</dt>
                                <dd>{t.membersCount(season.members.length)}</dd>
                              </div>
                            </dl>
                            <table className="data compact">
                              <caption>{t.yearOverviewCaption(cluster.name)}</caption>
                              <thead>
                                <tr>
                                  <th scope="col">{t.rank}</th>
                                  <th scope="col">{t.province}</th>
                                  <th scope="col" className="num">
                                    {t.total}
                                  </th>
                                </tr>
                              </thead>
                              <tbody>
                                {leaders.map((s) => (
                                  <tr key={s.province.id}>
                                    <td>{s.rank}</td>
                                    <td>{s.province.name}</td>
                                    <td className="num">{format.fixed(s.total, 2)}</td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                            <p>
                              <Link to={seasonRoute('standings', cluster.id, route.year)}>{t.seeStandings}</Link>
                            </p>
                          </section>
                        );
                      })}
                    </div>
                  )}
                </>
              );
            }}
          </QueryView>
        )}
      </Guard>
    </>
  );
}
