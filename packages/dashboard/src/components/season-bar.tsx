import { useId } from 'react';
import { ClustersQuery, sortClusters, yearsOf } from '../api/clusters';
import { useQuery } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { hrefOf, Link, navigate, seasonRoute, type SeasonRoute, type SeasonTab } from '../router';

const tabOf = (route: SeasonRoute): SeasonTab => route.page;

/**
 * The cluster and year pickers and the season's pages. Changing a picker
 * opens the same page for the new season; a cluster without the current year
 * opens its newest season.
 */
export function SeasonBar({ route }: { route: SeasonRoute }) {
  const { t } = useI18n();
  const clusters = useQuery(ClustersQuery, {});
  const clusterId = useId();
  const yearId = useId();
  const tab = tabOf(route);
  const choices = sortClusters(clusters.data?.clusters ?? []);
  const current = choices.find((c) => c.id === route.clusterId);
  const years = current ? yearsOf(current) : [];
  if (!years.includes(route.year)) years.unshift(route.year);

  const open = (nextClusterId: string, nextYear: number) => {
    const next = seasonRoute(tab, nextClusterId, nextYear);
    // The weights a reader set are a way of looking, not part of the season: keep them.
    navigate(
      hrefOf(next.page === 'standings' && route.page === 'standings' ? { ...next, weights: route.weights } : next),
      { keepFocus: true },
    );
  };
  const pickCluster = (id: string) => {
    const cluster = choices.find((c) => c.id === id);
    const clusterYears = cluster ? yearsOf(cluster) : [];
    open(id, clusterYears.includes(route.year) ? route.year : (clusterYears[0] ?? route.year));
  };

  const tabs: { tab: SeasonTab; label: string }[] = [
    { tab: 'standings', label: t.navStandings },
    { tab: 'indicators', label: t.navIndicators },
    { tab: 'year', label: t.navYear },
    { tab: 'assessment', label: t.navAssessment },
    { tab: 'appraisal', label: t.navAppraisal },
    { tab: 'review', label: t.navReview },
    { tab: 'election', label: t.navElection },
    { tab: 'results', label: t.navResults },
    { tab: 'import', label: t.navImport },
  ];

  return (
    <div className="season-bar">
      <form className="picker" aria-label={t.picker} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={clusterId}>{t.cluster}</label>
          <select
            id={clusterId}
            name="cluster"
            value={route.clusterId}
            disabled={!clusters.data}
            onChange={(event) => pickCluster(event.target.value)}
          >
            {current ? null : <option value={route.clusterId}>{route.clusterId}</option>}
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-year">
          <label htmlFor={yearId}>{t.year}</label>
          <select
            id={yearId}
            name="year"
            value={route.year}
            disabled={!clusters.data}
            onChange={(event) => open(route.clusterId, Number(event.target.value))}
          >
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        {clusters.failure ? (
          <p className="picker-error" role="alert">
            {t.clustersFailed}{' '}
            <button type="button" className="button button-small" onClick={clusters.retry}>
              {t.retry}
            </button>
          </p>
        ) : null}
      </form>
      <nav className="tabs" aria-label={t.mainNav}>
        <ul>
          {tabs.map((item) => (
            <li key={item.tab}>
              <Link
                to={seasonRoute(item.tab, route.clusterId, route.year)}
                aria-current={item.tab === tab ? 'page' : undefined}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
