import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger.js';
import { nodeIdentity } from './outbox.js';
import type { BatchResult, NodeBatch } from './types.js';

export interface ShipperOptions {
  dataSource: DataSource;
  /** The cluster gateway's GraphQL URL; without it the node keeps its outbox until one is given. */
  upstreamUrl?: string;
  /** The node's credential, issued when an admin or the Ministry registered the node (registerNode). */
  token?: string;
  /** The receiving mutation on the cluster, e.g. `receiveMetricsRecords`. */
  mutation: string;
  logger: Logger;
  batchSize?: number;
  /** Pause between rounds when idle; failures back off from here up to maxBackoffMs. */
  intervalMs?: number;
  maxBackoffMs?: number;
}

/** How a node's exchange stands, from its own database (any process of the node can read it). */
export interface ShipperStatus {
  nodeId: string | null;
  /** The cluster gateway, or null when the node has none yet. */
  upstream: string | null;
  /** How the cluster answered the last round: null before the first. */
  cluster: 'reachable' | 'unreachable' | 'refusing' | null;
  /** Records waiting to be sent. */
  pending: number;
  /** When the oldest waiting record was stored; null when none waits. */
  oldestPendingAt: Date | null;
  /** Records the cluster ever refused. */
  rejected: number;
  /** Refused records the operator has not retried or discarded yet. */
  deadLetters: number;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  /** Why the last round failed; null after a success. */
  lastError: string | null;
}

/** Reads how the exchange stands, in one statement. */
export async function exchangeStatus(db: DataSource | EntityManager): Promise<ShipperStatus> {
  // Each count runs on a partial index, so it stays cheap however long the outbox grows.
  const [row] = await db.query(
    `SELECT (SELECT node_id FROM exchange_identity) AS node_id,
            s.upstream, s.cluster, s.last_attempt_at, s.last_success_at, s.last_error,
            (SELECT count(*)::int FROM exchange_outbox WHERE sent_at IS NULL AND rejected_at IS NULL) AS pending,
            (SELECT min(recorded_at) FROM exchange_outbox WHERE sent_at IS NULL AND rejected_at IS NULL) AS oldest_pending_at,
            (SELECT count(*)::int FROM exchange_outbox WHERE rejected_at IS NOT NULL) AS rejected,
            (SELECT count(*)::int FROM exchange_outbox WHERE rejected_at IS NOT NULL AND resolved_at IS NULL) AS dead_letters
       FROM (SELECT 1) AS one LEFT JOIN exchange_shipper s ON true`,
  );
  return {
    nodeId: row.node_id,
    upstream: row.upstream,
    cluster: row.cluster,
    pending: row.pending,
    oldestPendingAt: row.oldest_pending_at,
    rejected: row.rejected,
    deadLetters: row.dead_letters,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
  };
}

/**
 * Whether the node can reach the cluster, as its last round found:
 * `unreachable` (no answer), `refusing` (it answered with an error, e.g. a
 * revoked credential), `reachable`, or `not configured` / `not yet tried`.
 */
export function clusterReachability(status: ShipperStatus): string {
  if (!status.upstream) return 'not configured';
  return status.cluster ?? 'not yet tried';
}

/** Thrown when the cluster did not answer at all (as opposed to answering with an error). */
export class ClusterUnreachable extends Error {
  override name = 'ClusterUnreachable';
}

/** A node's exchange as its `/health` shows it: whether the cluster answers and how far behind the node is. */
export async function exchangeHealth(
  db: DataSource | EntityManager,
  now = new Date(),
): Promise<Record<string, unknown>> {
  const status = await exchangeStatus(db);
  return {
    cluster: clusterReachability(status),
    upstream: status.upstream,
    pending: status.pending,
    oldestPendingAt: status.oldestPendingAt,
    behindSeconds: status.oldestPendingAt
      ? Math.max(0, Math.round((now.getTime() - status.oldestPendingAt.getTime()) / 1000))
      : 0,
    deadLetters: status.deadLetters,
    rejected: status.rejected,
    lastAttemptAt: status.lastAttemptAt,
    lastSuccessAt: status.lastSuccessAt,
    lastError: status.lastError,
  };
}

/**
 * Sends the outbox to the cluster, oldest first, until it is empty; then
 * waits and looks again. Never drops a record: a failed send leaves the
 * outbox as it was and is retried with exponential backoff. A record the
 * cluster refuses becomes a dead letter and the stream goes on past it.
 */
export class Shipper {
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** Rounds run one after another, never side by side (a flush waits for the round in flight). */
  private rounds: Promise<void> = Promise.resolve();
  private stopped = false;
  private failures = 0;
  private nodeId: string | null = null;

  constructor(private readonly options: ShipperOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.intervalMs = options.intervalMs ?? 2000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  /** Starts the background loop (when the node has an upstream). */
  start(): void {
    this.stopped = false;
    if (this.options.upstreamUrl && this.options.token) this.schedule(0);
  }

  /** Stops the loop after the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.rounds;
  }

  /** Sends until the outbox is empty (or a send fails, which is thrown), after any round in flight. */
  flush(): Promise<void> {
    return this.round(true);
  }

  private round(throwOnError: boolean): Promise<void> {
    const round = this.rounds.then(() => this.sendAll(throwOnError));
    this.rounds = round.catch(() => undefined);
    return round;
  }

  status(): Promise<ShipperStatus> {
    return exchangeStatus(this.options.dataSource);
  }

  /** For the subgraph's `/health`. */
  health(): Promise<Record<string, unknown>> {
    return exchangeHealth(this.options.dataSource);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.round(false).finally(() => {
        const backoff = Math.min(this.maxBackoffMs, this.intervalMs * 2 ** this.failures);
        this.schedule(this.failures ? backoff : this.intervalMs);
      });
    }, delay);
    this.timer.unref();
  }

  private async sendAll(throwOnError: boolean): Promise<void> {
    const { dataSource, upstreamUrl, token, mutation, logger } = this.options;
    try {
      if (!upstreamUrl || !token) throw new Error('this node has no upstream: start it with --upstream and --token');
      this.nodeId ??= await nodeIdentity(dataSource);
      let heartbeat = true;
      for (;;) {
        const sent = await this.sendBatch(heartbeat);
        heartbeat = false;
        if (sent < this.batchSize || this.stopped) break;
      }
      this.failures = 0;
      await this.record('reachable', null);
    } catch (error) {
      this.failures += 1;
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error, mutation }, 'exchange with the cluster failed; will retry');
      const cluster = error instanceof ClusterUnreachable ? 'unreachable' : 'refusing';
      await this.record(upstreamUrl ? cluster : null, message).catch((cause) =>
        logger.warn({ err: cause }, 'could not record the exchange state'),
      );
      if (throwOnError) throw error;
    }
  }

  /** Keeps how the round went in the node's database, for /health, /metrics and the operator. */
  private async record(cluster: 'reachable' | 'unreachable' | 'refusing' | null, error: string | null): Promise<void> {
    await this.options.dataSource.query(
      `INSERT INTO exchange_shipper (upstream, cluster, last_attempt_at, last_success_at, last_error)
       VALUES ($1, $2, now(), CASE WHEN $3::text IS NULL THEN now() END, $3)
       ON CONFLICT (singleton) DO UPDATE SET upstream = excluded.upstream, cluster = excluded.cluster,
         last_attempt_at = excluded.last_attempt_at,
         last_success_at = coalesce(excluded.last_success_at, exchange_shipper.last_success_at),
         last_error = excluded.last_error`,
      [this.options.upstreamUrl ?? null, cluster, error],
    );
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
    const response = await fetch(upstreamUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation Exchange($batch: NodeBatchInput!) { ${mutation}(batch: $batch) { lastSeq rejected { seq recordId reason } } }`,
        variables: { batch },
      }),
      signal: AbortSignal.timeout(30_000),
    }).catch((error: Error) => {
      const cause = (error.cause as Error | undefined)?.message ?? error.message;
      throw new ClusterUnreachable(`the cluster at ${upstreamUrl} did not answer (${cause})`);
    });
    const body = (await response.json().catch(() => null)) as {
      data?: Record<string, BatchResult | null> | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const result = body?.data?.[mutation];
    if (!result) {
      const reason = body?.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
      const down = body?.errors?.length
        ? body.errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')
        : response.status >= 500;
      if (down) throw new ClusterUnreachable(`the cluster at ${upstreamUrl} cannot take the batch now: ${reason}`);
      throw new Error(`the cluster did not accept the batch: ${reason}`);
    }
    return result;
  }
}
