import type { DataSource, EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth.js';
import { ErrorCode, forbidden } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BatchResult, NodeBatch, NodeRecord, RejectedRecord } from './types.js';

/*
 * The cluster side of the exchange: a per-node cursor and a received-ids table,
 * so each record is applied at most once and in order, each in a savepoint.
 */

/**
 * Applies one record on the cluster. Throw a GraphQLError with BAD_USER_INPUT,
 * FORBIDDEN, CONFLICT, NOT_FOUND or SEASON_LOCKED to reject the record (its writes are rolled back);
 * any other error fails the whole batch, which the node retries.
 */
export type ApplyRecord = (tx: EntityManager, record: NodeRecord, actor: string) => Promise<void>;

/**
 * Looks at a whole batch before it is applied, e.g. to ask another subgraph
 * once about every record rather than once per record. Returns the records to
 * refuse, by record id, with the reason; they are rejected as if `apply` had
 * refused them.
 */
export type ScreenRecords = (records: NodeRecord[]) => Promise<Map<string, string>>;

const rejectableCodes = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ErrorCode.NOT_FOUND,
  ErrorCode.SEASON_LOCKED,
]);

/**
 * The cluster side: accepts a node's batch for the province in its token only,
 * applies each record once and in order, and records rejections. Records of
 * another province are rejected, logged, and nothing of them is stored.
 */
export async function receiveBatch(
  dataSource: DataSource,
  viewer: Viewer | null,
  batch: NodeBatch,
  apply: ApplyRecord,
  logger: Logger,
  screened: Map<string, string> = new Map(),
): Promise<BatchResult> {
  if (!viewer)
    throw new GraphQLError('A node must send its token', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  if (viewer.role !== 'province' || !viewer.province) {
    throw forbidden(`Exchange is for provincial nodes: a province token is needed, this one has role ${viewer.role}`);
  }
  const province = viewer.province;
  return dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO exchange_cursor (node_id, province_id) VALUES ($1, $2) ON CONFLICT (node_id) DO NOTHING`,
      [batch.nodeId, province],
    );
    const [cursor] = await tx.query('SELECT province_id, last_seq FROM exchange_cursor WHERE node_id = $1 FOR UPDATE', [
      batch.nodeId,
    ]);
    if (cursor.province_id !== province) {
      logger.warn(
        { nodeId: batch.nodeId, province, registered: cursor.province_id },
        'node id used with another province',
      );
      throw forbidden(`node ${batch.nodeId} belongs to province "${cursor.province_id}", not "${province}"`);
    }
    let lastSeq = Number(cursor.last_seq);
    let accepted = 0;
    const rejected: RejectedRecord[] = [];
    const reject = async (record: NodeRecord, reason: string) => {
      rejected.push({ seq: record.seq, recordId: record.recordId, reason });
      await tx.query(
        `INSERT INTO exchange_rejection (node_id, province_id, seq, record_id, kind, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [batch.nodeId, province, record.seq, record.recordId, record.kind, reason],
      );
    };
    for (const record of [...batch.records].sort((a, b) => a.seq - b.seq)) {
      if (record.seq <= lastSeq) continue;
      const seen = await tx.query('SELECT 1 FROM exchange_received WHERE record_id = $1', [record.recordId]);
      if (seen.length === 0) {
        if (record.provinceId !== province) {
          logger.warn(
            { nodeId: batch.nodeId, province, recordProvince: record.provinceId, seq: record.seq },
            'rejected a node record for another province',
          );
          await reject(record, `a node of "${province}" cannot send data of "${record.provinceId}"`);
        } else if (screened.has(record.recordId)) {
          logger.warn({ nodeId: batch.nodeId, seq: record.seq }, 'rejected a node record on screening');
          await reject(record, screened.get(record.recordId)!);
        } else {
          await tx.query('SAVEPOINT exchange_record');
          try {
            await apply(tx, record, `node:${province}/${String(record.payload.recordedBy ?? viewer.sub)}`);
            await tx.query('RELEASE SAVEPOINT exchange_record');
            accepted += 1;
          } catch (error) {
            const code = (error as GraphQLError).extensions?.code;
            if (!(error instanceof GraphQLError) || typeof code !== 'string' || !rejectableCodes.has(code)) throw error;
            await tx.query('ROLLBACK TO SAVEPOINT exchange_record');
            logger.warn({ nodeId: batch.nodeId, seq: record.seq, reason: error.message }, 'rejected a node record');
            await reject(record, error.message);
          }
        }
        await tx.query('INSERT INTO exchange_received (record_id, node_id, seq) VALUES ($1, $2, $3)', [
          record.recordId,
          batch.nodeId,
          record.seq,
        ]);
      }
      lastSeq = record.seq;
    }
    await tx.query(
      `UPDATE exchange_cursor SET last_seq = $2, reported_seq = greatest(reported_seq, $3), accepted_count = accepted_count + $4,
              rejected_count = rejected_count + $5, last_exchange_at = now() WHERE node_id = $1`,
      [batch.nodeId, lastSeq, batch.headSeq, accepted, rejected.length],
    );
    return { lastSeq, rejected };
  });
}

/** What the cluster knows of a province's node exchange, per subgraph. */
export interface ExchangeState {
  nodeId: string;
  provinceId: string;
  registeredAt: Date;
  lastExchangeAt: Date;
  lastSeq: number;
  /** Records the node had queued at its last exchange that have not arrived yet. */
  pending: number;
  accepted: number;
  rejected: number;
}

/** The exchange state of every node of the given provinces (one statement). */
export async function exchangeStates(
  db: DataSource | EntityManager,
  provinceIds: readonly string[],
): Promise<ExchangeState[]> {
  const rows = await db.query(
    `SELECT node_id, province_id, first_seen_at, last_exchange_at, last_seq, reported_seq, accepted_count, rejected_count
       FROM exchange_cursor WHERE province_id = ANY($1) ORDER BY last_exchange_at DESC`,
    [provinceIds],
  );
  return rows.map((row: Record<string, never>) => ({
    nodeId: row.node_id,
    provinceId: row.province_id,
    registeredAt: row.first_seen_at,
    lastExchangeAt: row.last_exchange_at,
    lastSeq: Number(row.last_seq),
    pending: Math.max(0, Number(row.reported_seq) - Number(row.last_seq)),
    accepted: Number(row.accepted_count),
    rejected: Number(row.rejected_count),
  }));
}
