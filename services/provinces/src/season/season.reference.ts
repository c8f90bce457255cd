import type { ProvincesContext } from '../context.js';
import type { ClusterSeason } from './season.entity.js';

export function resolveClusterSeasonReference(
  reference: { clusterId: string; year: number },
  ctx: ProvincesContext,
): Promise<ClusterSeason | null> {
  return ctx.loaders.seasonByKey.load({ clusterId: reference.clusterId, year: Number(reference.year) });
}
