import type { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound } from '../errors.js';
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

/**
 * Queues a stored change for the cluster; call inside the transaction that
 * stored it, as its last write. The number comes from a counter row that stays
 * locked until the transaction ends, so numbers have no holes (a rolled-back
 * write gives its number back) and no number becomes visible after a higher
 * one: the cluster can insist that each record follows the one before.
 */
export async function enqueueRecord(
  tx: EntityManager,
  kind: string,
  provinceId: string,
  payload: Record<string, unknown>,
): Promise<number> {
  const [[{ last_seq: seq }]] = await tx.query(
    'UPDATE exchange_sequence SET last_seq = last_seq + 1 RETURNING last_seq',
  );
  await tx.query('INSERT INTO exchange_outbox (seq, kind, province_id, payload) VALUES ($1, $2, $3, $4)', [
    seq,
    kind,
    provinceId,
    JSON.stringify(payload),
  ]);
  return Number(seq);
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

/** A record the cluster refused, as the node's operator sees it. */
export interface DeadLetterRecord {
  seq: number;
  recordId: string;
  kind: string;
  provinceId: string;
  payload: Record<string, unknown>;
  recordedAt: Date;
  rejectedAt: Date;
  /** Why the cluster refused it. */
  reason: string;
  /** `retried` or `discarded` once the operator acted; null while it waits. */
  resolution: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  /** For a retried record: the sequence number of the copy that was queued. */
  retriedAs: number | null;
}

const deadLetterColumns = `seq, record_id, kind, province_id, payload, recorded_at, rejected_at, reject_reason,
  resolution, resolved_at, resolved_by, resolution_note, retried_as`;

function toDeadLetter(row: Record<string, never>): DeadLetterRecord {
  return {
    seq: Number(row.seq),
    recordId: row.record_id,
    kind: row.kind,
    provinceId: row.province_id,
    payload: row.payload,
    recordedAt: row.recorded_at,
    rejectedAt: row.rejected_at,
    reason: row.reject_reason,
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolutionNote: row.resolution_note,
    retriedAs: row.retried_as === null ? null : Number(row.retried_as),
  };
}

/**
 * The records the cluster refused: those waiting for the operator, oldest
 * first, or the latest 100 the operator resolved, newest first.
 */
export async function deadLetters(
  db: DataSource | EntityManager,
  state: 'waiting' | 'resolved' = 'waiting',
): Promise<DeadLetterRecord[]> {
  const rows = await db.query(
    state === 'waiting'
      ? `SELECT ${deadLetterColumns} FROM exchange_outbox WHERE rejected_at IS NOT NULL AND resolved_at IS NULL ORDER BY seq`
      : `SELECT ${deadLetterColumns} FROM exchange_outbox WHERE resolved_at IS NOT NULL ORDER BY resolved_at DESC, seq DESC LIMIT 100`,
  );
  return rows.map(toDeadLetter);
}

async function lockDeadLetter(tx: EntityManager, seq: number): Promise<DeadLetterRecord> {
  const [row] = await tx.query(
    `SELECT ${deadLetterColumns}, resolved_at FROM exchange_outbox WHERE seq = $1 AND rejected_at IS NOT NULL FOR UPDATE`,
    [seq],
  );
  if (!row) throw notFound('refused record with seq', seq);
  const letter = toDeadLetter(row);
  if (letter.resolution) {
    throw conflict(`refused record ${seq} was already ${letter.resolution} by ${letter.resolvedBy}`);
  }
  return letter;
}

/**
 * Sends a refused record again, unchanged, as a new record at the end of the
 * stream (new number, new record id; the payload keeps the identity of what it
 * describes, so the cluster still ends with one record). For a refusal whose
 * cause was on the cluster's side and has been put right there.
 */
export async function retryDeadLetter(
  dataSource: DataSource,
  seq: number,
  actor: string,
  note: string | null,
): Promise<DeadLetterRecord> {
  return dataSource.transaction(async (tx) => {
    const letter = await lockDeadLetter(tx, seq);
    const copy = await enqueueRecord(tx, letter.kind, letter.provinceId, letter.payload);
    const [[row]] = await tx.query(
      `UPDATE exchange_outbox SET resolution = 'retried', resolved_at = now(), resolved_by = $2, resolution_note = $3,
              retried_as = $4 WHERE seq = $1 RETURNING ${deadLetterColumns}`,
      [seq, actor, note, copy],
    );
    return toDeadLetter(row);
  });
}

/** Closes a refused record without sending it again, with the reason. */
export async function discardDeadLetter(
  dataSource: DataSource,
  seq: number,
  actor: string,
  reason: string,
): Promise<DeadLetterRecord> {
  return dataSource.transaction(async (tx) => {
    await lockDeadLetter(tx, seq);
    const [[row]] = await tx.query(
      `UPDATE exchange_outbox SET resolution = 'discarded', resolved_at = now(), resolved_by = $2, resolution_note = $3
        WHERE seq = $1 RETURNING ${deadLetterColumns}`,
      [seq, actor, reason],
    );
    return toDeadLetter(row);
  });
}
