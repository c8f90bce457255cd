import { useState } from 'react';
import { currentViewer } from '../../api/auth';
import { useClusterName } from '../../api/clusters';
import { useQuery } from '../../api/client';
import { useMutation } from '../../api/mutate';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/status';
import { ActionError, LockSeal, seasonRights, StatusSteps } from '../../components/year';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { Route } from '../../router';

const ResultsQuery = graphql(`
  query Results($clusterId: ID!, $year: Int!) {
    cluster(id: $clusterId) {
      id
      name
      season(year: $year) {
        clusterId
        year
        status
        head {
          id
        }
        members {
          id
        }
        results {
          lockedAt
          lockedBy
          revision
          minCoverage
          weights {
            sheet
            ict
            award
          }
          standings {
            rank
            province {
              id
              name
            }
            ictScore
            coverage
            points
            sheetScore
            total
            belowMinCoverage
            note
          }
          sheetRanking {
            rank
            appraisedTotal
            province {
              id
              name
            }
          }
          adopted {
            id
            form
            mode
            province {
              name
            }
          }
          nextHead {
            name
          }
          nextDeputyHead {
            name
          }
          figures {
            indicator
          }
          commendations {
            id
          }
        }
      }
    }
  }
`);

const Lock = graphql(`
  mutation LockSeason($clusterId: ID!, $year: Int!) {
    lockSeason(clusterId: $clusterId, year: $year) {
      clusterId
    }
  }
`);
const Reopen = graphql(`
  mutation ReopenSeason($clusterId: ID!, $year: Int!, $reason: String!) {
    reopenSeason(clusterId: $clusterId, year: $year, reason: $reason) {
      clusterId
    }
  }
`);

/** The locked record, with its "đã khoá" seal; the head locks, the Ministry reopens with a reason. */
export function ResultsPage({ route }: { route: Extract<Route, { page: 'results' }> }) {
  const { t, format } = useI18n();
  const { clusterId, year } = route;
  const state = useQuery(ResultsQuery, { clusterId, year });
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  const lock = useMutation(Lock);
  const reopen = useMutation(Reopen);
  const [reason, setReason] = useState('');
  const ministry = currentViewer()?.role === 'ministry';
  return (
    <>
      <PageTitle>{t.yearPages.resultsTitle(clusterName, year)}</PageTitle>
      <QueryView state={state}>
        {(data) => {
          const season = data.cluster?.season;
          if (!season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
          const results = season.results;
          const rights = seasonRights(season);
          return (
            <>
              <StatusSteps status={season.status} />
              {results ? (
                <>
                  <LockSeal lockedAt={results.lockedAt} lockedBy={results.lockedBy} />
                  <p className="hint">
                    {t.yearPages.usedFigures(results.figures.length, results.commendations.length)}
                  </p>
                  <div className="table-scroll">
                    <table className="data standings frozen responsive">
                      <caption>{t.yearPages.frozenStandings}</caption>
                      <thead>
                        <tr>
                          <th scope="col" className="rank">
                            {t.rank}
                          </th>
                          <th scope="col">{t.province}</th>
                          <th scope="col" className="num">
                            {t.ictIndex}
                          </th>
                          <th scope="col" className="num">
                            {t.coverage}
                          </th>
                          <th scope="col" className="num">
                            {t.commendationPoints}
                          </th>
                          <th scope="col" className="num">
                            {t.yearPages.sheetScore}
                          </th>
                          <th scope="col" className="num">
                            {t.total}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {results.standings.map((row) => (
                          <tr key={row.province.id}>
                            <td className="rank">{row.rank}</td>
                            <th scope="row" className="wide">
                              {row.province.name}
                              {row.belowMinCoverage ? (
                                <span className="badge badge-warn" title={row.note ?? undefined}>
                                  {t.yearPages.belowCoverage}
                                </span>
                              ) : null}
                            </th>
                            <td className="num" data-label={t.ictIndex}>
                              {format.number(row.ictScore, 2)}
                            </td>
                            <td className="num" data-label={t.coverage}>
                              {format.share(row.coverage)}
                            </td>
                            <td className="num" data-label={t.commendationPoints}>
                              {format.number(row.points, 2)}
                            </td>
                            <td className="num" data-label={t.yearPages.sheetScore}>
                              {format.number(row.sheetScore, 2)}
                            </td>
                            <td className="num total" data-label={t.total}>
                              {format.fixed(row.total, 2)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <dl className="facts">
                    <div>
                      <dt>{t.yearPages.nextHead}</dt>
                      <dd>{results.nextHead?.name ?? t.dash}</dd>
                    </div>
                    <div>
                      <dt>{t.yearPages.deputy}</dt>
                      <dd>{results.nextDeputyHead?.name ?? t.dash}</dd>
                    </div>
                    <div>
                      <dt>{t.yearPages.adopted}</dt>
                      <dd>
                        <ul className="plain">
                          {results.adopted.map((n) => (
                            <li key={n.id}>
                              {n.province.name}: {t.forms[n.form] ?? n.form}
                              {n.mode === 'CONSENSUS' ? ` (${t.yearPages.votedConsensus})` : ''}
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                    <div>
                      <dt>{t.yearPages.frozenSheet}</dt>
                      <dd>
                        {results.sheetRanking
                          .map((r) => `${r.rank ?? '–'}. ${r.province.name} (${format.number(r.appraisedTotal, 2)})`)
                          .join('; ')}
                      </dd>
                    </div>
                  </dl>
                  {ministry ? (
                    <form
                      className="form-grid"
                      onSubmit={(event) => {
                        event.preventDefault();
                        void reopen.run({ clusterId, year, reason }).then((done) => done && state.retry());
                      }}
                    >
                      <label className="field field-wide">
                        {t.yearPages.reopenReason}
                        <textarea required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
                      </label>
                      <button type="submit" className="button button-quiet" disabled={reopen.busy}>
                        {t.yearPages.reopen}
                      </button>
                    </form>
                  ) : null}
                </>
              ) : (
                <>
                  <p className="notice notice-info">{t.yearPages.notLocked}</p>
                  {rights.manages ? (
                    <button
                      type="button"
                      className="button"
                      disabled={lock.busy}
                      onClick={() => void lock.run({ clusterId, year }).then((done) => done && state.retry())}
                    >
                      {t.yearPages.lock}
                    </button>
                  ) : null}
                </>
              )}
              <ActionError error={lock.error ?? reopen.error} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
