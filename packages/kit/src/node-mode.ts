import { forbidden } from './errors.js';
import type { BaseContext } from './subgraph-server.js';

/** A provincial node: the subgraphs keep one province's data and send it to the cluster. */
export interface NodeMode {
  /** The only province whose data this node accepts. */
  province: string;
  /** The cluster gateway's GraphQL URL; without it the node keeps its outbox until one is set. */
  upstreamUrl?: string;
  /** The node's token for the cluster (a province token of `province`). */
  token?: string;
  /** Pause between exchange rounds when idle, in ms. */
  intervalMs?: number;
  /** Records per exchange request. */
  batchSize?: number;
}

/** On a node, writes for any other province are FORBIDDEN, whatever the token says. */
export function requireNodeScope(ctx: BaseContext, provinceId: string, action: string): void {
  if (ctx.node && ctx.node.province !== provinceId) {
    throw forbidden(`${action}: this node keeps the data of "${ctx.node.province}" only, not "${provinceId}"`);
  }
}

/**
 * What a node does not keep: the national catalogues, cluster structure and
 * the cluster's review live on the cluster, so a node refuses to change them
 * (a change there would never reach anyone).
 */
export function refuseOnNode(ctx: BaseContext, action: string): void {
  if (ctx.node) {
    throw forbidden(
      `${action} is done on the cluster: this node keeps only the observations and commendations of "${ctx.node.province}"`,
    );
  }
}
