import type { ClusterSeasonRef } from './season.type.js';

/** The representation is the season: metrics stores no membership, it receives it. */
export function resolveClusterSeasonReference(reference: ClusterSeasonRef): ClusterSeasonRef {
  return { ...reference, year: Number(reference.year) };
}
