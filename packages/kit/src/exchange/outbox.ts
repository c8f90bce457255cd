import type { DataSource, EntityManager } from 'typeorm';
import type { BaseContext } from '../subgraph-server.js';

/*
 * The node side of the exchange, outbox style (docs/provincial-nodes.md).
 *
 * On a provincial node, every change a subgraph stores is written, in the same
 * transaction, to `exchange_outbox` with a sequence number and a record id that
 * never change. The shipper sends it; the receiver on the cluster applies it once.
 */

/** The node's lasting identity (created by the migration's first use). */
export async function nodeIdentity(db: DataSource | EntityManager): Promise<string> {
  await db.query('INSERT INTO exchange_identity DEFAULT VALUES ON CONFLICT DO NOTHING');
  const [row] = await db.query('SELECT node_id FROM exchange_identity');
  return row.node_id;
}

/** Queues a stored change for the cluster; call inside the transaction that stored it. */
export async function enqueueRecord(
  tx: EntityManager,
  kind: string,
  provinceId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx.query('INSERT INTO exchange_outbox (kind, province_id, payload) VALUES ($1, $2, $3)', [
    kind,
    provinceId,
    JSON.stringify(payload),
  ]);
}

/** Queues a stored change for the cluster when running as a node; a no-op otherwise. */
export async function queueForCluster(
  tx: EntityManager,
  ctx: BaseContext,
  kind: string,
  provinceId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  if (ctx.node) await enqueueRecord(tx, kind, provinceId, payload);
}
