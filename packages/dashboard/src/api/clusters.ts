import { graphql, type ResultOf } from '../graphql';
import { useQuery } from './client';

/** Every cluster with the years it has seasons for: the picker's choices. */
export const ClustersQuery = graphql(`
  query Clusters {
    clusters {
      id
      name
      seasons {
        year
      }
    }
  }
`);

export type ClusterChoice = ResultOf<typeof ClustersQuery>['clusters'][number];

/**
 * A cluster's name from the (shared, cached) picker query, so a page can title
 * itself before its own data arrives; the id until then.
 */
export function useClusterName(clusterId: string): string {
  const clusters = useQuery(ClustersQuery, {});
  return clusters.data?.clusters.find((c) => c.id === clusterId)?.name ?? clusterId;
}

/** "Cụm thi đua số 3" before "Cụm thi đua số 10". */
export function sortClusters<TCluster extends { name: string }>(clusters: readonly TCluster[]): TCluster[] {
  return [...clusters].sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}

/** A season's years, newest first. */
export function yearsOf(cluster: ClusterChoice): number[] {
  return cluster.seasons.map((s) => s.year).sort((a, b) => b - a);
}

/**
 * The season `/` opens when the reader has not picked one yet: Cluster 3 in
 * 2019, the season of the published report (13 Dec 2019) the demo data follows.
 */
export const featuredSeason = { clusterId: 'cum-3', year: 2019 };

const storageKey = 'thidua.season';

/** Remembers the season last looked at, so `/` brings the reader back to it. */
export function rememberSeason(clusterId: string, year: number): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify({ clusterId, year }));
  } catch {
    // Storage refused (private mode): `/` then opens the featured season.
  }
}

function rememberedSeason(): { clusterId: string; year: number } | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    return typeof value?.clusterId === 'string' && Number.isInteger(value?.year) ? value : null;
  } catch {
    return null;
  }
}

/** The season to open first: the remembered one, else the featured one, else the newest season of the first cluster. */
export function initialSeason(clusters: readonly ClusterChoice[]): { clusterId: string; year: number } | null {
  const exists = (s: { clusterId: string; year: number } | null) =>
    s !== null && clusters.some((c) => c.id === s.clusterId && c.seasons.some((x) => x.year === s.year));
  const remembered = rememberedSeason();
  if (exists(remembered)) return remembered;
  if (exists(featuredSeason)) return featuredSeason;
  const first = sortClusters(clusters).find((c) => c.seasons.length > 0);
  return first ? { clusterId: first.id, year: yearsOf(first)[0] } : null;
}
