import { seasonKey } from '@thidua/kit';
import type { ProvincesContext } from '../context.js';
import type { ClusterSeason } from './season.entity.js';

export function resolveClusterSeasonReference(
  reference: { clusterId: string; year: number },
  ctx: ProvincesContext,
): Promise<ClusterSeason | null> {
  return ctx.loaders.seasonByKey.load(seasonKey(reference.clusterId, Number(reference.year)));
}
