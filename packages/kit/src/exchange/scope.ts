import type { EntityManager } from 'typeorm';
import { requireNodeScope } from '../node-mode.js';
import type { BaseContext } from '../subgraph-server.js';
import { queueForCluster } from './outbox.js';

/**
 * What a write needs from the deployment it runs in, besides the database,
 * the actor and its input. On a provincial node it refuses data of other
 * provinces and queues each stored change for the cluster (node-mode.ts);
 * elsewhere it does neither. Operations take it as their last argument, so
 * they never see a GraphQL context.
 */
export interface WriteScope {
  /** FORBIDDEN when this deployment keeps no data of `provinceId`. */
  requireProvince(provinceId: string, action: string): void;
  /** Called in the writing transaction for every change it stored. */
  stored(em: EntityManager, kind: string, provinceId: string, payload: Record<string, unknown>): Promise<void>;
}

/** The scope of a request: its node, if the service runs as one. */
export function writeScope(ctx: BaseContext): WriteScope {
  return {
    requireProvince: (provinceId, action) => requireNodeScope(ctx, provinceId, action),
    stored: (em, kind, provinceId, payload) => queueForCluster(em, ctx, kind, provinceId, payload),
  };
}

/** A cluster or standalone deployment: every province, nothing queued (also for applying a node's records). */
export const clusterScope: WriteScope = {
  requireProvince: () => undefined,
  stored: async () => undefined,
};
