import type { ProvincesContext } from '../context.js';
import type { Cluster } from './cluster.entity.js';

export function resolveClusterReference(reference: { id: string }, ctx: ProvincesContext): Promise<Cluster | null> {
  return ctx.loaders.clusterById.load(reference.id);
}
