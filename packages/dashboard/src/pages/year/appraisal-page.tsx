import { useClusterName } from '../../api/clusters';
import { useQuery } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/status';
import { LockSeal, StatusSteps } from '../../components/year';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Link, type Route } from '../../router';
import { AppraisalForm } from './appraisal-form';

export const AppraisalQuery = graphql(`
  query Appraisal($clusterId: ID!, $year: Int!) {
    cluster(id: $clusterId) {
      id
      name
      season(year: $year) {
        clusterId
        year
        status
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
        results {
          lockedAt
          lockedBy
        }
        scoringSheet {
          maxTotal
          criteria {
            id
            code
            group
            title
            maxPoints
            indicator {
              code
            }
          }
        }
        assessments {
          province {
            id
            name
          }
          status
          selfTotal
          appraisedTotal
          returnReason
          submittedAt
          appraisedAt
          items {
            criterion {
              id
            }
            selfScore
            ruleScore
            appraisedScore
            note
            appraisalNote
            returned
            evidence {
              id
              fileName
              url
            }
          }
        }
      }
    }
  }
`);

export type AppraisalSeason = NonNullable<NonNullable<ResultOf<typeof AppraisalQuery>['cluster']>['season']>;

/** The head's table: every member's self against appraised totals; one member opened for appraisal. */
export function AppraisalPage({ route }: { route: Extract<Route, { page: 'appraisal' }> }) {
  const { t, format } = useI18n();
  const { clusterId, year } = route;
  const state = useQuery(AppraisalQuery, { clusterId, year });
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  return (
    <>
      <PageTitle>{t.yearPages.appraisalTitle(clusterName, year)}</PageTitle>
      <QueryView state={state}>
        {(data) => {
          const season = data.cluster?.season;
          if (!season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
          const assessments = season.assessments ?? [];
          const opened = assessments.find((a) => a.province.id === route.province);
          return (
            <>
              <StatusSteps status={season.status} />
              {season.results ? <LockSeal {...season.results} /> : null}
              {assessments.length === 0 ? (
                <p className="notice notice-info">{t.yearPages.noSheet}</p>
              ) : (
                <div className="table-scroll">
                  <table className="data appraisal responsive">
                    <caption>{t.yearPages.appraisalCaption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.province}</th>
                        <th scope="col">{t.yearPages.status}</th>
                        <th scope="col" className="num">
                          {t.yearPages.selfTotal}
                        </th>
                        <th scope="col" className="num">
                          {t.yearPages.appraisedTotal}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {assessments.map((a) => (
                        <tr
                          key={a.province.id}
                          className={a.status === 'RETURNED' ? 'row-returned' : undefined}
                          aria-current={a.province.id === route.province ? 'true' : undefined}
                        >
                          <th scope="row" className="wide">
                            <Link to={{ page: 'appraisal', clusterId, year, province: a.province.id }}>
                              {a.province.name}
                            </Link>
                          </th>
                          <td data-label={t.yearPages.status}>
                            <span className={`status-badge assessment-${a.status.toLowerCase()}`}>
                              {t.yearPages.assessmentStatuses[a.status]}
                            </span>
                            {a.returnReason && a.status === 'RETURNED' ? (
                              <div className="hint">{a.returnReason}</div>
                            ) : null}
                          </td>
                          <td className="num" data-label={t.yearPages.selfTotal}>
                            {format.number(a.selfTotal, 2)}
                          </td>
                          <td className="num" data-label={t.yearPages.appraisedTotal}>
                            {format.number(a.appraisedTotal, 2)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {opened ? (
                <AppraisalForm key={opened.province.id} season={season} assessment={opened} onDone={state.retry} />
              ) : null}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
