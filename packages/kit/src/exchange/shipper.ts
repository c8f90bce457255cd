import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { nodeIdentity } from './outbox.js';
import type { BatchResult, NodeBatch } from './types.js';

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
