import { useClusterName } from '../../api/clusters';
import { useQuery } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/status';
import { FileButton, HistoryList, LockSeal, seasonRights, StatusSteps } from '../../components/year';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import type { Route } from '../../router';
import { CompactForm } from './compact-form';
import { RulesPanel } from './rules-form';
import { SheetPanel } from './sheet-editor';

export const YearQuery = graphql(`
  query Year($clusterId: ID!, $year: Int!) {
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
        members {
          id
          name
        }
        compact {
          signedOn
          place
          source
          signedBy
          signatories {
            id
            name
          }
          document {
            fileName
            url
          }
        }
        scoringSheet {
          maxTotal
          revision
          source
          weights {
            sheet
            ict
            award
          }
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
        assessments {
          submittedAt
        }
        rules {
          minCoverage
          quorum
          fixedSince
          caps {
            form
            max
          }
        }
        results {
          lockedAt
          lockedBy
        }
        history {
          at
          actor
          action
          detail
        }
      }
    }
  }
`);

export type YearSeason = NonNullable<NonNullable<ResultOf<typeof YearQuery>['cluster']>['season']>;

/** The year at a glance: its step, the compact, the scoring sheet and weights, the rules, and its log. */
export function YearPage({ route }: { route: Extract<Route, { page: 'year' }> }) {
  const { t, format } = useI18n();
  const { clusterId, year } = route;
  const state = useQuery(YearQuery, { clusterId, year });
  const knownName = useClusterName(clusterId);
  const clusterName = state.data?.cluster?.name ?? knownName;
  return (
    <>
      <PageTitle>{t.yearPages.yearTitle(clusterName, year)}</PageTitle>
      <QueryView state={state}>
        {(data) => {
          const season = data.cluster?.season;
          if (!season) return <p className="notice notice-info">{t.noSeason(clusterName, year)}</p>;
          const rights = seasonRights(season);
          const demo = season.compact?.source?.startsWith('demo') || season.scoringSheet?.source?.startsWith('demo');
          return (
            <>
              <StatusSteps status={season.status} />
              {season.results ? <LockSeal {...season.results} /> : null}
              {demo ? <p className="badge badge-demo">{t.yearPages.demo}</p> : null}
              <section className="panel" aria-labelledby="compact-title">
                <h2 id="compact-title">{t.yearPages.compact}</h2>
                {season.compact ? (
                  <dl className="facts">
                    <div>
                      <dt>{t.yearPages.signedOn}</dt>
                      <dd>{format.date(season.compact.signedOn)}</dd>
                    </div>
                    <div>
                      <dt>{t.yearPages.place}</dt>
                      <dd>{season.compact.place ?? t.dash}</dd>
                    </div>
                    <div>
                      <dt>{t.yearPages.signatories}</dt>
                      <dd>{season.compact.signatories.map((p) => p.name).join(', ')}</dd>
                    </div>
                    <div>
                      <dt>{t.yearPages.document}</dt>
                      <dd>{season.compact.document ? <FileButton file={season.compact.document} /> : t.dash}</dd>
                    </div>
                  </dl>
                ) : (
                  <p className="hint">{t.yearPages.notSigned}</p>
                )}
                {rights.manages && season.scoringSheet ? <CompactForm season={season} onDone={state.retry} /> : null}
              </section>
              <SheetPanel season={season} rights={rights} onDone={state.retry} />
              <RulesPanel season={season} rights={rights} onDone={state.retry} />
              <section className="panel" aria-labelledby="history-title">
                <h2 id="history-title">{t.yearPages.history}</h2>
                <HistoryList events={season.history ?? []} />
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
