import { useClusterName } from '../../api/clusters';
import { useQuery } from '../../api/client';
import { currentViewer } from '../../api/auth';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/status';
import { LockSeal, StatusSteps } from '../../components/year';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Link, type Route } from '../../router';
import { AssessmentForm } from './assessment-form';
import { AgainstCluster } from './against-cluster';

export const AssessmentQuery = graphql(`
  query Assessment($clusterId: ID!, $year: Int!, $provinceId: ID!) {
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
        scoringSheet {
          maxTotal
          criteria {
            id
            code
            group
            title
            maxPoints
            evidenceRequired
            indicator {
              code
              name
            }
          }
        }
        assessment(provinceId: $provinceId) {
          status
          selfTotal
          appraisedTotal
          returnReason
          submittedAt
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
        assessments {
          province {
            id
          }
          status
          selfTotal
          appraisedTotal
          items {
            criterion {
              id
            }
            selfScore
            appraisedScore
          }
        }
        sheetRanking {
          province {
            id
          }
          rank
        }
      }
    }
  }
`);

export type AssessmentSeason = NonNullable<NonNullable<ResultOf<typeof AssessmentQuery>['cluster']>['season']>;

/**
 * "My assessment": a member scores itself against the sheet, with evidence,
 * and submits; everyone else reads it. Its scores are set against the cluster's.
 */
export function AssessmentPage({ route }: { route: Extract<Route, { page: 'assessment' }> }) {
  const { t } = useI18n();
  const { clusterId, year } = route;
  const viewer = currentViewer();
  const provinceId = route.province ?? (viewer?.role === 'province' ? (viewer.province ?? null) : null);
  const state = useQuery(AssessmentQuery, provinceId ? { clusterId, year, provinceId } : null);
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  const members = useQuery(MembersQuery, provinceId ? null : { clusterId, year });
  if (!provinceId) {
    const list = members.data?.cluster?.season?.members ?? [];
    return (
      <>
        <PageTitle>{t.navAssessment}</PageTitle>
        <p>{t.yearPages.chooseMember}</p>
        <ul className="choices">
          {list.map((m) => (
            <li key={m.id}>
              <Link to={{ page: 'assessment', clusterId, year, province: m.id }}>{m.name}</Link>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <QueryView state={state}>
      {(data) => {
        const season = data.cluster?.season;
        const name = season?.members.find((m) => m.id === provinceId)?.name ?? provinceId;
        if (!season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
        return (
          <>
            <PageTitle>{t.yearPages.assessmentTitle(name, year)}</PageTitle>
            <StatusSteps status={season.status} />
            {season.results ? <LockSeal {...season.results} /> : null}
            {!season.scoringSheet || !season.assessment ? (
              <p className="notice notice-info">{t.yearPages.noSheet}</p>
            ) : (
              <>
                <AssessmentForm key={provinceId} season={season} provinceId={provinceId} onDone={state.retry} />
                <AgainstCluster season={season} provinceId={provinceId} />
              </>
            )}
          </>
        );
      }}
    </QueryView>
  );
}

const MembersQuery = graphql(`
  query AssessmentMembers($clusterId: ID!, $year: Int!) {
    cluster(id: $clusterId) {
      id
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
