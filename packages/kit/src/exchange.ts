import type { DataSource, EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import { ErrorCode, forbidden } from './errors.js';
import type { Viewer } from './auth.js';
import type { Logger } from './logger.js';

/*
 * Node-to-cluster exchange, outbox style (docs/provincial-nodes.md).
 *
 * On a provincial node, every change a subgraph stores is written, in the same
 * transaction, to `exchange_outbox` with a sequence number and a record id that
 * never change. A Shipper sends unsent records oldest first to the cluster; the
 * cluster applies each record at most once (its cursor per node and the record
 * id) and answers with the sequence it has reached, which the node then marks
 * sent. Either side may stop at any moment: the outbox row and the cursor are
 * only ever changed inside transactions, so a retry resumes exactly where the
 * other side's committed state says.
 */

/** Tables of both sides; each subgraph that exchanges runs them through the kit's `Exchange1732500000000` migration. */
export const exchangeTablesSql: readonly string[] = [
  `CREATE TABLE exchange_identity (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
     node_id uuid NOT NULL DEFAULT gen_random_uuid(),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE exchange_outbox (
     seq bigserial PRIMARY KEY,
     record_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
     kind text NOT NULL,
     province_id text NOT NULL,
     payload jsonb NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     sent_at timestamptz,
     rejected_at timestamptz,
     reject_reason text
   )`,
  `CREATE INDEX exchange_outbox_unsent ON exchange_outbox (seq) WHERE sent_at IS NULL AND rejected_at IS NULL`,
  `CREATE TABLE exchange_cursor (
     node_id text PRIMARY KEY,
     province_id text NOT NULL,
     last_seq bigint NOT NULL DEFAULT 0,
     reported_seq bigint NOT NULL DEFAULT 0,
     accepted_count bigint NOT NULL DEFAULT 0,
     rejected_count bigint NOT NULL DEFAULT 0,
     first_seen_at timestamptz NOT NULL DEFAULT now(),
     last_exchange_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX exchange_cursor_province ON exchange_cursor (province_id)`,
  `CREATE TABLE exchange_received (
     record_id uuid PRIMARY KEY,
     node_id text NOT NULL,
     seq bigint NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE exchange_rejection (
     id bigserial PRIMARY KEY,
     node_id text NOT NULL,
     province_id text NOT NULL,
     seq bigint NOT NULL,
     record_id uuid NOT NULL,
     kind text NOT NULL,
     reason text NOT NULL,
     at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX exchange_rejection_province ON exchange_rejection (province_id, at DESC)`,
];

/** One change as it travels from a node to the cluster. */
export interface NodeRecord {
  seq: number;
  recordId: string;
  kind: string;
  provinceId: string;
  payload: Record<string, unknown>;
  recordedAt: string;
}

export interface NodeBatch {
  nodeId: string;
  /** The newest sequence number in the node's outbox when it sent the batch. */
  headSeq: number;
  records: NodeRecord[];
}

export interface RejectedRecord {
  seq: number;
  recordId: string;
  reason: string;
}

export interface BatchResult {
  /** Every record up to this sequence number is settled (applied, already had, or rejected). */
  lastSeq: number;
  rejected: RejectedRecord[];
}

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

export interface ShipperOptions {
  dataSource: DataSource;
  /** The cluster gateway's GraphQL URL. */
  upstreamUrl: string;
  /** The node's token (a province token of the node's province). */
  token: string;
  /** The receiving mutation on the cluster, e.g. `receiveMetricsRecords`. */
  mutation: string;
  logger: Logger;
  batchSize?: number;
  /** Pause between rounds when idle; failures back off from here up to maxBackoffMs. */
  intervalMs?: number;
  maxBackoffMs?: number;
}

export interface ShipperStatus {
  nodeId: string | null;
  pending: number;
  rejected: number;
  lastSuccessAt: Date | null;
  lastError: string | null;
}

/**
 * Sends the outbox to the cluster, oldest first, until it is empty; then
 * waits and looks again. Never drops a record: a failed send leaves the
 * outbox as it was and is retried with exponential backoff.
 */
export class Shipper {
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;
  private lastSuccessAt: Date | null = null;
  private lastError: string | null = null;
  private nodeId: string | null = null;

  constructor(private readonly options: ShipperOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.intervalMs = options.intervalMs ?? 2000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  /** Starts the background loop. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loop after the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.settled();
  }

  /** Sends until the outbox is empty (or a send fails, which is thrown). */
  async flush(): Promise<void> {
    await this.settled();
    this.running = this.sendAll(true);
    await this.running;
  }

  /** Waits for the round in flight, whatever its outcome. */
  private async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  async status(): Promise<ShipperStatus> {
    const [counts] = await this.options.dataSource.query(
      `SELECT count(*) FILTER (WHERE sent_at IS NULL AND rejected_at IS NULL)::int AS pending,
              count(*) FILTER (WHERE rejected_at IS NOT NULL)::int AS rejected
         FROM exchange_outbox`,
    );
    return {
      nodeId: this.nodeId,
      pending: counts.pending,
      rejected: counts.rejected,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
    };
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sendAll(false).finally(() => {
        const backoff = Math.min(this.maxBackoffMs, this.intervalMs * 2 ** this.failures);
        this.schedule(this.failures ? backoff : this.intervalMs);
      });
    }, delay);
    this.timer.unref();
  }

  private async sendAll(throwOnError: boolean): Promise<void> {
    try {
      this.nodeId ??= await nodeIdentity(this.options.dataSource);
      let heartbeat = true;
      for (;;) {
        const sent = await this.sendBatch(heartbeat);
        heartbeat = false;
        if (sent < this.batchSize || this.stopped) break;
      }
      this.failures = 0;
      this.lastError = null;
      this.lastSuccessAt = new Date();
    } catch (error) {
      this.failures += 1;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.options.logger.warn(
        { err: error, mutation: this.options.mutation },
        'exchange with the cluster failed; will retry',
      );
      if (throwOnError) throw error;
    }
  }

  /** Sends one batch; returns how many records it carried. */
  private async sendBatch(sendWhenEmpty: boolean): Promise<number> {
    const { dataSource } = this.options;
    const rows: {
      seq: string;
      record_id: string;
      kind: string;
      province_id: string;
      payload: Record<string, unknown>;
      recorded_at: Date;
    }[] = await dataSource.query(
      `SELECT seq, record_id, kind, province_id, payload, recorded_at FROM exchange_outbox
          WHERE sent_at IS NULL AND rejected_at IS NULL ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0 && !sendWhenEmpty) return 0;
    const [{ head }] = await dataSource.query('SELECT coalesce(max(seq), 0)::bigint AS head FROM exchange_outbox');
    const batch: NodeBatch = {
      nodeId: this.nodeId!,
      headSeq: Number(head),
      records: rows.map((row) => ({
        seq: Number(row.seq),
        recordId: row.record_id,
        kind: row.kind,
        provinceId: row.province_id,
        payload: row.payload,
        recordedAt: row.recorded_at.toISOString(),
      })),
    };
    const result = await this.post(batch);
    await dataSource.transaction(async (tx) => {
      for (const rejected of result.rejected) {
        await tx.query(
          'UPDATE exchange_outbox SET rejected_at = now(), reject_reason = $2 WHERE seq = $1 AND sent_at IS NULL',
          [rejected.seq, rejected.reason],
        );
      }
      await tx.query(
        'UPDATE exchange_outbox SET sent_at = now() WHERE seq <= $1 AND sent_at IS NULL AND rejected_at IS NULL',
        [result.lastSeq],
      );
    });
    if (result.rejected.length) {
      this.options.logger.warn({ rejected: result.rejected }, 'the cluster rejected records');
    }
    return rows.length;
  }

  private async post(batch: NodeBatch): Promise<BatchResult> {
    const { upstreamUrl, token, mutation } = this.options;
    const response = await fetch(upstreamUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation Exchange($batch: NodeBatchInput!) { ${mutation}(batch: $batch) { lastSeq rejected { seq recordId reason } } }`,
        variables: { batch },
      }),
      signal: AbortSignal.timeout(30_000),
    }).catch((error: Error) => {
      const cause = (error.cause as Error | undefined)?.message ?? error.message;
      throw new Error(`the cluster at ${upstreamUrl} did not answer (${cause})`);
    });
    const body = (await response.json().catch(() => null)) as {
      data?: Record<string, BatchResult | null> | null;
      errors?: { message: string }[];
    } | null;
    const result = body?.data?.[mutation];
    if (!result) {
      const reason = body?.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
      throw new Error(`the cluster did not accept the batch: ${reason}`);
    }
    return result;
  }
}

/**
 * Applies one record on the cluster. Throw a GraphQLError with BAD_USER_INPUT,
 * FORBIDDEN or CONFLICT to reject the record (its writes are rolled back);
 * any other error fails the whole batch, which the node retries.
 */
export type ApplyRecord = (tx: EntityManager, record: NodeRecord, actor: string) => Promise<void>;

const rejectableCodes = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ErrorCode.NOT_FOUND,
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
