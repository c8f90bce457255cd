import { useEffect } from 'react';
import { ClustersQuery, initialSeason } from '../api/clusters';
import { useQuery } from '../api/client';
import { PageTitle } from '../components/page-title';
import { QueryView } from '../components/status';
import { useI18n } from '../i18n/i18n';
import { hrefOf, navigate, seasonRoute } from '../router';

/** `/` opens a season's standings: the one last looked at, else Cluster 3 in 2019. */
export function HomePage() {
  const { t } = useI18n();
  const state = useQuery(ClustersQuery, {});
  const target = state.data ? initialSeason(state.data.clusters) : null;
  const targetHref = target ? hrefOf(seasonRoute('standings', target.clusterId, target.year)) : null;
  useEffect(() => {
    if (targetHref) navigate(targetHref, { replace: true, keepFocus: true });
  }, [targetHref]);
  return (
    <>
      <PageTitle>{t.navStandings}</PageTitle>
      <QueryView state={state}>
        {() => (target ? null : <p className="notice notice-info">{t.noClusters}</p>)}
      </QueryView>
    </>
  );
}
