import { useClusterName } from '../api/clusters';
import { useQuery } from '../api/client';
import { Downloads, exportHref } from '../components/downloads';
import { WhoVoted } from '../components/review-actions';
import { PageTitle } from '../components/page-title';
import { SeasonFacts } from '../components/season-facts';
import { QueryView } from '../components/status';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { Link, type Route } from '../router';
import { ReviewActions } from './review-actions';

const ReviewQuery = graphql(`
  query Review($clusterId: ID!, $year: Int!, $nextYear: Int!) {
    cluster(id: $clusterId) {
      id
      name
      season(year: $year) {
        clusterId
        year
        head {
          id
          name
        }
        deputyHead {
          id
          name
        }
        status
        members {
          id
          name
        }
        rules {
          quorum
        }
        adoptionThreshold {
          percent
          inclusive
        }
        nominations {
          id
          province {
            id
            name
          }
          form
          votesFor
          votesAgainst
          votesNeeded
          status
          source
          note
          mode
          minutes
          withdrawn
          withdrawnReason
          decisionNote
          votes {
            approve
            voter {
              id
            }
          }
        }
      }
      next: season(year: $nextYear) {
        year
        head {
          id
          name
        }
      }
    }
  }
`);

const statusOrder: Record<string, number> = { ADOPTED: 0, OPEN: 1, REJECTED: 2, WITHDRAWN: 3 };

/** The season's nominations with their votes and outcome, and the head elected for next year. */
export function ReviewPage({ route }: { route: Extract<Route, { page: 'review' }> }) {
  const { t, format } = useI18n();
  const { clusterId, year } = route;
  const state = useQuery(ReviewQuery, { clusterId, year, nextYear: year + 1 });
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  return (
    <>
      <PageTitle>{t.reviewTitle(clusterName, year)}</PageTitle>
      <QueryView state={state}>
        {(data) => {
          const season = data.cluster?.season;
          if (!data.cluster || !season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
          const memberCount = season.members.length;
          const nominations = [...(season.nominations ?? [])].sort(
            (a, b) =>
              (statusOrder[a.status] ?? 9) - (statusOrder[b.status] ?? 9) ||
              b.votesFor - a.votesFor ||
              a.province.name.localeCompare(b.province.name, 'vi'),
          );
          return (
            <>
              <SeasonFacts season={season} next={data.cluster.next} />
              <p className="downloads">
                <a
                  className="button button-small"
                  href={exportHref('review', 'pdf', { cluster: clusterId, year })}
                  download
                >
                  {t.downloadReviewPdf}
                </a>
              </p>
              {season.adoptionThreshold ? (
                <p className="hint">
                  {t.thresholdRule(
                    format.number(season.adoptionThreshold.percent, 1),
                    season.adoptionThreshold.inclusive,
                  )}
                </p>
              ) : null}
              {season.nominations === null || season.nominations === undefined ? null : nominations.length === 0 ? (
                <p className="notice notice-info">{t.noNominations}</p>
              ) : (
                <>
                  <Downloads table="nominations" query={{ cluster: clusterId, year }} what={t.nominationsCaption} />
                  <div className="table-scroll">
                    <table className="data review responsive">
                      <caption>{t.nominationsCaption}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t.province}</th>
                          <th scope="col">{t.form}</th>
                          <th scope="col" className="num">
                            {t.votesFor}
                          </th>
                          <th scope="col" className="num">
                            {t.votesAgainst}
                          </th>
                          <th scope="col">{t.votes}</th>
                          <th scope="col">{t.status}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {nominations.map((n) => {
                          const cast = n.votesFor + n.votesAgainst;
                          const share = (votes: number) => (memberCount > 0 ? (100 * votes) / memberCount : 0);
                          return (
                            <tr key={n.id}>
                              <th scope="row" className="wide">
                                <Link to={{ page: 'province', provinceId: n.province.id }}>{n.province.name}</Link>
                                {n.note ? <div className="hint">{n.note}</div> : null}
                                {n.source ? <div className="source">{n.source}</div> : null}
                              </th>
                              <td className="wide" data-label={t.form}>
                                {t.forms[n.form] ?? n.form}
                              </td>
                              <td className="num" data-label={t.votesFor}>
                                {n.mode === 'CONSENSUS' ? t.dash : format.number(n.votesFor, 0)}
                              </td>
                              <td className="num" data-label={t.votesAgainst}>
                                {n.mode === 'CONSENSUS' ? t.dash : format.number(n.votesAgainst, 0)}
                              </td>
                              <td className="wide">
                                {n.mode === 'CONSENSUS' ? (
                                  <>
                                    <span className="badge badge-consensus">{t.yearPages.reviewConsensus}</span>
                                    {n.minutes ? <span className="hint"> {n.minutes}</span> : null}
                                  </>
                                ) : (
                                  <>
                                    <span className="votes" aria-hidden="true">
                                      <span className="votes-for" style={{ width: `${share(n.votesFor)}%` }} />
                                      <span className="votes-against" style={{ width: `${share(n.votesAgainst)}%` }} />
                                    </span>
                                    <span className="hint">
                                      {t.votesOf(cast, memberCount)}
                                      {n.votesNeeded != null ? ` · ${t.votesNeeded(n.votesNeeded)}` : ''}
                                    </span>
                                    {n.decisionNote ? <div className="hint">{n.decisionNote}</div> : null}
                                    <WhoVoted members={season.members} votes={n.votes} />
                                  </>
                                )}
                                {n.withdrawnReason ? (
                                  <div className="hint">
                                    {t.yearPages.withdrawReason}: {n.withdrawnReason}
                                  </div>
                                ) : null}
                              </td>
                              <td className="wide">
                                <span className={`status-badge status-${n.status.toLowerCase()}`}>
                                  {t.statuses[n.status] ?? n.status}
                                </span>
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
              {season.rules ? (
                <p className="hint">{t.yearPages.quorumRule(format.share(season.rules.quorum))}</p>
              ) : null}
              <ReviewActions season={season} nominations={nominations} onDone={state.retry} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
