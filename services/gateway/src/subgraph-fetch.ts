import { Pool } from 'undici';
import { CircuitBreaker, type BreakerOptions } from './circuit-breaker.js';
import type { UnavailableReason } from './errors.js';

/** What a subgraph answered: its status, content type and body, unparsed (each caller parses its own copy). */
export interface SubgraphReply {
  status: number;
  contentType: string;
  text: string;
}

/** The subgraph could not give an answer: unreachable, too slow, or its circuit is open. */
export class SubgraphFailure extends Error {
  override name = 'SubgraphFailure';
  constructor(
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`subgraph ${reason}`, options);
  }
}

export interface SubgraphClientOptions {
  url: string;
  /** A call that has not answered in this long is abandoned (SUBGRAPH_TIMEOUT_MS). */
  timeoutMs: number;
  breaker: BreakerOptions;
  /** Keep-alive connections to the subgraph; more calls than this queue. */
  connections?: number;
}

/**
 * HTTP to one subgraph: a pool of keep-alive connections (undici), a timeout
 * on every call, a circuit breaker, and merging: calls with the same merge
 * key while one is in flight share its answer. The caller decides what may
 * be merged (see SubgraphSource); a call without a key is always its own.
 */
export class SubgraphClient {
  readonly breaker: CircuitBreaker;
  private readonly pool: Pool;
  private readonly path: string;
  private readonly inflight = new Map<string, Promise<SubgraphReply>>();
  /** Calls sent and calls merged into one in flight, for /metrics. */
  readonly counts = { sent: 0, merged: 0 };

  constructor(private readonly options: SubgraphClientOptions) {
    const url = new URL(options.url);
    this.path = url.pathname + url.search;
    this.pool = new Pool(url.origin, { connections: options.connections ?? 64, pipelining: 1 });
    this.breaker = new CircuitBreaker(options.breaker);
  }

  send(body: string, headers: Record<string, string>, mergeKey?: string): Promise<SubgraphReply> {
    if (mergeKey === undefined) return this.post(body, headers);
    const shared = this.inflight.get(mergeKey);
    if (shared) {
      this.counts.merged++;
      return shared;
    }
    const call = this.post(body, headers).finally(() => this.inflight.delete(mergeKey));
    this.inflight.set(mergeKey, call);
    return call;
  }

  private async post(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    if (!this.breaker.tryAcquire()) throw new SubgraphFailure('circuit-open');
    this.counts.sent++;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    let reply: SubgraphReply;
    try {
      const response = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body,
        signal: controller.signal,
      });
      const text = await response.body.text();
      const contentType = response.headers['content-type'];
      reply = { status: response.statusCode, contentType: typeof contentType === 'string' ? contentType : '', text };
    } catch (error) {
      this.breaker.failed();
      throw new SubgraphFailure(timedOut ? 'timeout' : 'unreachable', { cause: error });
    } finally {
      clearTimeout(timer);
    }
    if (reply.status >= 500) this.breaker.failed();
    else this.breaker.succeeded();
    return reply;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
