import { ClusterSeason } from './season.type.js';

/**
 * The representation is the object: it carries the key, and for `standings` the
 * members and ICT ranking the gateway fetched for it (@requires).
 */
export function resolveClusterSeasonReference(reference: Record<string, unknown>): ClusterSeason {
  return Object.assign(new ClusterSeason(), reference, { year: Number(reference.year) });
}
