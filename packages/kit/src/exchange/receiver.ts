import type { DataSource, EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import { isNode, type Viewer } from '../auth.js';
import { badInput, conflict, ErrorCode, forbidden, unauthenticated } from '../errors.js';
import type { ServiceLinks } from '../links.js';
import type { Logger } from '../logger.js';
import { checkNodeCredential, type NodeGrant } from './registry.js';
import type { BatchResult, NodeBatch, NodeRecord, RejectedRecord } from './types.js';

/*
 * The cluster side of the exchange: a per-stream cursor and a received-ids
 * table, so each record is applied at most once and in order, each in a
 * savepoint. Only a registered node's own credential may send its stream.
 */

/**
 * Applies one record on the cluster. Throw a GraphQLError with BAD_USER_INPUT,
 * FORBIDDEN, NOT_FOUND, CONFLICT or SEASON_LOCKED to reject the record (its
 * writes are rolled back); a database error about the data itself rejects it
 * too; any other error fails the whole batch, which the node retries.
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

/** What the receiver needs of the request. */
export interface ReceiveContext {
  viewer: Viewer | null;
  logger: Logger;
  links: ServiceLinks;
}

/**
 * Who the cluster records as the author of a node's record: `node:<province>`
 * and, when the node names one of its own users (`recordedBy`), that user
 * after a slash. The prefix comes from the registration, never from the
 * payload, so a payload cannot speak for the cluster's users or another node.
 */
export function nodeActor(provinceId: string, recordedBy: unknown): string {
  if (recordedBy === undefined || recordedBy === null) return `node:${provinceId}`;
  const name = /^[\p{L}\p{N}._@-](?:[\p{L}\p{N} ._@-]{0,98}[\p{L}\p{N}._@-])?$/u;
  if (typeof recordedBy !== 'string' || !name.test(recordedBy)) {
    throw badInput(
      'payload.recordedBy',
      recordedBy,
      "is not a node user's name (letters, digits, spaces inside, . _ @ -; at most 100; no / or :)",
    );
  }
  return `node:${provinceId}/${recordedBy}`;
}

/** Only a registered node's credential, in force, may send a stream. */
async function authenticateNode(ctx: ReceiveContext): Promise<NodeGrant> {
  const { viewer, logger } = ctx;
  if (!viewer)
    throw unauthenticated('A node sends its records with its node credential (Authorization: Bearer tdn1.…)');
  if (!isNode(viewer) || !viewer.node) {
    logger.warn(
      { sub: viewer.sub, role: viewer.role },
      'refused node records sent with a token that is no node credential',
    );
    throw forbidden(
      `Only a registered node may send exchange records, with its own node credential; this is a ${viewer.role} token. ` +
        'An admin or the Ministry registers a node (registerNode) and gives it its credential.',
    );
  }
  const grant = await checkNodeCredential(ctx.links, viewer.node, logger);
  if (!grant) {
    logger.warn({ registration: viewer.node.registrationId }, 'refused a node credential that is not in force');
    throw unauthenticated('This node credential is not registered, or its registration was revoked');
  }
  return grant;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The batch's shape, before anything is looked up: ids, numbers, order. */
function checkBatch(batch: NodeBatch): NodeRecord[] {
  if (!UUID.test(batch.nodeId)) throw badInput('batch.nodeId', batch.nodeId, 'is not a node stream id (a UUID)');
  const records = [...batch.records].sort((a, b) => a.seq - b.seq);
  const ids = new Set<string>();
  records.forEach((record, i) => {
    const field = `batch.records[${batch.records.indexOf(record)}]`;
    if (!Number.isSafeInteger(record.seq) || record.seq < 1)
      throw badInput(`${field}.seq`, record.seq, 'is not a sequence number (1 or more)');
    if (i > 0 && records[i - 1].seq === record.seq)
      throw badInput(`${field}.seq`, record.seq, 'appears twice in the batch');
    if (!UUID.test(record.recordId))
      throw badInput(`${field}.recordId`, record.recordId, 'is not a record id (a UUID)');
    if (ids.has(record.recordId.toLowerCase()))
      throw badInput(`${field}.recordId`, record.recordId, 'appears twice in the batch');
    ids.add(record.recordId.toLowerCase());
  });
  const last = records.at(-1)?.seq ?? 0;
  if (!Number.isSafeInteger(batch.headSeq) || batch.headSeq < last) {
    throw badInput('batch.headSeq', batch.headSeq, `is below the batch's last record (${last})`);
  }
  return records;
}

/** Data errors from Postgres (class 22, data exception; 23, integrity) are the record's fault, not the cluster's. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/**
 * The cluster side: accepts a registered node's batch, applies each record
 * once and in order, and records rejections. The stream must follow on: a
 * record at or below the cursor must be one the cluster already has, and the
 * first new one must be the next number; a gap or a jump refuses the whole
 * batch (CONFLICT, logged) and the cursor stays where it was.
 */
export async function receiveBatch(
  dataSource: DataSource,
  ctx: ReceiveContext,
  batch: NodeBatch,
  apply: ApplyRecord,
  screened: Map<string, string> = new Map(),
): Promise<BatchResult> {
  const grant = await authenticateNode(ctx);
  const records = checkBatch(batch);
  const province = grant.provinceId;
  const logger = ctx.logger.child({ nodeId: batch.nodeId, registration: grant.registrationId, province });
  return dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO exchange_cursor (node_id, province_id, registration_id) VALUES ($1, $2, $3) ON CONFLICT (node_id) DO NOTHING`,
      [batch.nodeId, province, grant.registrationId],
    );
    const [cursor] = await tx.query('SELECT province_id, last_seq FROM exchange_cursor WHERE node_id = $1 FOR UPDATE', [
      batch.nodeId,
    ]);
    if (cursor.province_id !== province) {
      logger.warn({ registered: cursor.province_id }, 'node stream used by another province');
      throw forbidden(`node stream ${batch.nodeId} belongs to province "${cursor.province_id}", not "${province}"`);
    }
    let lastSeq = Number(cursor.last_seq);
    const seen = new Set<string>(
      (
        await tx.query('SELECT record_id FROM exchange_received WHERE record_id = ANY($1::uuid[])', [
          records.map((record) => record.recordId),
        ])
      ).map((row: { record_id: string }) => row.record_id.toLowerCase()),
    );
    let accepted = 0;
    const rejected: RejectedRecord[] = [];
    const reject = async (record: NodeRecord, reason: string) => {
      rejected.push({ seq: record.seq, recordId: record.recordId, reason });
      await tx.query(
        `INSERT INTO exchange_rejection (node_id, province_id, seq, record_id, kind, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [batch.nodeId, province, record.seq, record.recordId, record.kind, reason],
      );
    };
    for (const record of records) {
      const known = seen.has(record.recordId.toLowerCase());
      if (record.seq <= lastSeq) {
        if (known) continue; // sent again after a lost answer: already applied or rejected
        logger.warn(
          { seq: record.seq, cursor: lastSeq },
          'refused a node batch: a record below the cursor was never received',
        );
        throw conflict(
          `record ${record.seq} (${record.recordId}) is at or below the cluster's cursor ${lastSeq} for this node, ` +
            'but the cluster never received it: the node and the cluster disagree about the stream',
        );
      }
      if (record.seq !== lastSeq + 1) {
        logger.warn({ expected: lastSeq + 1, got: record.seq }, 'refused a node batch: its numbers do not follow on');
        throw conflict(
          `record ${record.seq} does not follow on: the cluster has this node's stream up to ${lastSeq}, ` +
            `so the next record must be ${lastSeq + 1}; nothing of the batch was applied`,
        );
      }
      if (!known) {
        if (record.provinceId !== province) {
          logger.warn(
            { recordProvince: record.provinceId, seq: record.seq },
            'rejected a node record for another province',
          );
          await reject(record, `a node of "${province}" cannot send data of "${record.provinceId}"`);
        } else if (screened.has(record.recordId)) {
          logger.warn({ seq: record.seq }, 'rejected a node record on screening');
          await reject(record, screened.get(record.recordId)!);
        } else {
          await tx.query('SAVEPOINT exchange_record');
          try {
            await apply(tx, record, nodeActor(province, record.payload.recordedBy));
            await tx.query('RELEASE SAVEPOINT exchange_record');
            accepted += 1;
          } catch (error) {
            const code = (error as GraphQLError).extensions?.code;
            const refusal = error instanceof GraphQLError && typeof code === 'string' && rejectableCodes.has(code);
            if (!refusal && !isDataError(error)) throw error;
            await tx.query('ROLLBACK TO SAVEPOINT exchange_record');
            const reason = refusal
              ? (error as Error).message
              : 'the cluster could not store this record (invalid data)';
            logger.warn({ seq: record.seq, reason, err: refusal ? undefined : error }, 'rejected a node record');
            await reject(record, reason);
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
              rejected_count = rejected_count + $5, last_exchange_at = now(), registration_id = $6 WHERE node_id = $1`,
      [batch.nodeId, lastSeq, batch.headSeq, accepted, rejected.length, grant.registrationId],
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
