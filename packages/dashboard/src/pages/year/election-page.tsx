import { useClusterName } from '../../api/clusters';
import { useQuery } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/status';
import { LockSeal, seasonRights, StatusSteps } from '../../components/year';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { Route } from '../../router';
import { ElectionActions } from './election-actions';

export const ElectionQuery = graphql(`
  query Election($clusterId: ID!, $year: Int!, $nextYear: Int!) {
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
          name
        }
        results {
          lockedAt
          lockedBy
        }
        headElectionRounds {
          round
          status
          outcome
          mode
          votes
          minutes
          source
          candidates {
            id
            name
          }
          tally {
            candidate {
              id
              name
            }
            votes
          }
          myVote {
            id
          }
          elected {
            id
            name
          }
          deputy {
            id
            name
          }
          runoff {
            id
            name
          }
        }
      }
      next: season(year: $nextYear) {
        year
        head {
          id
          name
        }
        members {
          id
          name
        }
      }
    }
  }
`);

export type ElectionData = NonNullable<ResultOf<typeof ElectionQuery>['cluster']>;

/** The election of next year's head: rounds, tally, the member's own vote, and the head's controls. */
export function ElectionPage({ route }: { route: Extract<Route, { page: 'election' }> }) {
  const { t } = useI18n();
  const { clusterId, year } = route;
  const state = useQuery(ElectionQuery, { clusterId, year, nextYear: year + 1 });
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  return (
    <>
      <PageTitle>{t.yearPages.electionTitle(clusterName, year)}</PageTitle>
      <QueryView state={state}>
        {(data) => {
          const cluster = data.cluster;
          const season = cluster?.season;
          if (!cluster || !season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
          const rounds = season.headElectionRounds ?? [];
          return (
            <>
              <StatusSteps status={season.status} />
              {season.results ? <LockSeal {...season.results} /> : null}
              {rounds.length === 0 ? <p className="hint">{t.yearPages.noElection}</p> : null}
              {rounds.map((round) => (
                <section key={round.round} className="panel election-round" aria-label={t.yearPages.round(round.round)}>
                  <h2>
                    {t.yearPages.round(round.round)}
                    {round.mode === 'CONSENSUS' ? (
                      <span className="badge badge-consensus">{t.yearPages.reviewConsensus}</span>
                    ) : null}
                  </h2>
                  {round.mode === 'CONSENSUS' ? (
                    <p>{round.minutes}</p>
                  ) : (
                    <table className="data compact tally">
                      <caption>{t.yearPages.votesCast(round.votes, season.members.length)}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t.yearPages.candidates}</th>
                          <th scope="col" className="num">
                            {t.yearPages.votes}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {round.tally.map((entry) => (
                          <tr key={entry.candidate.id}>
                            <th scope="row">
                              {entry.candidate.name}
                              {round.myVote?.id === entry.candidate.id ? (
                                <span className="badge badge-quiet">{t.yearPages.myVote}</span>
                              ) : null}
                            </th>
                            <td className="num">{entry.votes}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {round.outcome === 'ELECTED' ? (
                    <p className="elected">
                      {t.yearPages.elected}: <strong>{round.elected?.name}</strong>
                      {round.deputy ? ` · ${t.yearPages.deputy}: ${round.deputy.name}` : ''}
                    </p>
                  ) : round.outcome === 'TIE' || round.outcome === 'NO_MAJORITY' ? (
                    <p className="notice notice-warning">
                      {round.outcome === 'TIE' ? t.yearPages.tie : t.yearPages.noMajority} {t.yearPages.runoff}:{' '}
                      {round.runoff.map((p) => p.name).join(', ')}
                    </p>
                  ) : null}
                  {round.source ? <p className="source">{round.source}</p> : null}
                </section>
              ))}
              <ElectionActions cluster={cluster} rights={seasonRights(season)} onDone={state.retry} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
