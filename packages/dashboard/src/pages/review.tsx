import { useClusterName } from '../api/clusters';
import { useQuery } from '../api/client';
import { canManageReview, voterOf } from '../auth/permissions';
import { useSession } from '../auth/session';
import { PageTitle } from '../components/page-title';
import { SeasonFacts } from '../components/season-facts';
import { CloseVotingButton, HeadTools, MemberVote, WhoVoted } from '../components/review-actions';
import { QueryView } from '../components/status';
import { graphql } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { Link, type Route } from '../router';

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
        members {
          id
          name
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
    commendationCatalogue {
      form
      issuingLevel
      recipientKinds
    }
  }
`);

/** A cluster proposes a department for a form the Ministry, the Prime Minister or the Government confers. */
const proposedLevels = new Set(['MINISTRY', 'PRIME_MINISTER', 'GOVERNMENT']);

const statusOrder: Record<string, number> = { ADOPTED: 0, OPEN: 1, REJECTED: 2 };

/** The season's nominations with their votes and outcome, and the head elected for next year. */
export function ReviewPage({ route }: { route: Extract<Route, { page: 'review' }> }) {
  const { t, format } = useI18n();
  const { user } = useSession();
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
          const manager = canManageReview(user, season.head?.id);
          const voter = voterOf(
            user,
            season.members.map((m) => m.id),
          );
          const votesCast = (season.nominations ?? []).some((n) => n.votes.length > 0);
          const proposable = data.commendationCatalogue
            .filter((f) => proposedLevels.has(f.issuingLevel) && f.recipientKinds.includes('DEPARTMENT'))
            .map((f) => f.form);
          const nominations = [...(season.nominations ?? [])].sort(
            (a, b) =>
              (statusOrder[a.status] ?? 9) - (statusOrder[b.status] ?? 9) ||
              b.votesFor - a.votesFor ||
              a.province.name.localeCompare(b.province.name, 'vi'),
          );
          return (
            <>
              <SeasonFacts season={season} next={data.cluster.next} />
              {season.adoptionThreshold ? (
                <p className="hint">
                  {t.thresholdRule(
                    format.number(season.adoptionThreshold.percent, 1),
                    season.adoptionThreshold.inclusive,
                  )}
                </p>
              ) : null}
              {manager ? (
                <HeadTools
                  clusterId={clusterId}
                  year={year}
                  members={season.members}
                  forms={proposable}
                  votesCast={votesCast}
                  rule={season.adoptionThreshold ?? null}
                />
              ) : null}
              {season.nominations === null || season.nominations === undefined ? null : nominations.length === 0 ? (
                <p className="notice notice-info">{t.noNominations}</p>
              ) : (
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
                        <th scope="col">{t.whoVoted}</th>
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
                              {format.number(n.votesFor, 0)}
                            </td>
                            <td className="num" data-label={t.votesAgainst}>
                              {format.number(n.votesAgainst, 0)}
                            </td>
                            <td className="wide">
                              <span className="votes" aria-hidden="true">
                                <span className="votes-for" style={{ width: `${share(n.votesFor)}%` }} />
                                <span className="votes-against" style={{ width: `${share(n.votesAgainst)}%` }} />
                              </span>
                              <span className="hint">
                                {t.votesOf(cast, memberCount)}
                                {n.votesNeeded != null ? ` · ${t.votesNeeded(n.votesNeeded)}` : ''}
                              </span>
                            </td>
                            <td className="wide">
                              <span className={`status-badge status-${n.status.toLowerCase()}`}>
                                {t.statuses[n.status] ?? n.status}
                              </span>
                            </td>
                            <td className="wide" data-label={t.whoVoted}>
                              <WhoVoted members={season.members} votes={n.votes} />
                              {n.status === 'OPEN' && voter ? (
                                <MemberVote
                                  nominationId={n.id}
                                  voter={voter}
                                  current={n.votes.find((v) => v.voter.id === voter)?.approve ?? null}
                                  nomineeName={n.province.name}
                                />
                              ) : null}
                              {n.status === 'OPEN' && manager ? (
                                <CloseVotingButton
                                  nominationId={n.id}
                                  label={`${t.closeVoting}: ${n.province.name}, ${t.forms[n.form] ?? n.form}`}
                                />
                              ) : null}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              {/* The head election (issue "the emulation year") takes its place here. */}
              <section className="panel" id="head-election" aria-labelledby="head-election-title">
                <h2 id="head-election-title">{t.headElection(year + 1)}</h2>
                <p>
                  {data.cluster.next?.head ? (
                    <Link to={{ page: 'province', provinceId: data.cluster.next.head.id }}>
                      {data.cluster.next.head.name}
                    </Link>
                  ) : (
                    t.notElected
                  )}
                </p>
                <p className="hint">{t.headElectionNote}</p>
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
