import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/** One HTTP request the load sends: a GraphQL body and its headers. */
export interface LoadRequest {
  body: string;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  /** The endpoint, e.g. http://127.0.0.1:4210/graphql. */
  url: string;
  /** Connections kept open, each with one request in flight at a time. */
  connections: number;
  /** Run for this long… */
  durationMs?: number;
  /** …or until this many requests have answered. */
  requests?: number;
  /**
   * The requests of one unit of work: the i-th unit sends `next(i)`, one
   * request after another on the same connection (a floor sends all of one
   * subgraph's fetches of a client request as one unit).
   */
  next: (i: number) => LoadRequest[];
}

export interface LoadResult {
  /** Units of work completed. */
  count: number;
  /** Units per second. */
  rate: number;
  p50: number;
  p99: number;
  /** Units that got a non-200 status or a body with `errors`. */
  errors: number;
  /** The first failing body, to say what went wrong. */
  firstError?: string;
  elapsedMs: number;
  /** Every unit's latency in ms, sorted. */
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json' };

/**
 * A closed-loop load: `connections` workers on a keep-alive pool, each
 * sending its next unit as soon as the previous one answered (what autocannon
 * does without pipelining). Latency is per unit, from first byte sent to last
 * byte read.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let issued = 0;
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs;
  const limit = options.requests ?? Infinity;

  const worker = async () => {
    while (performance.now() < deadline && issued < limit) {
      const unit = options.next(issued++);
      const t0 = performance.now();
      let failed: string | undefined;
      for (const request of unit) {
        const response = await pool.request({
          path: url.pathname + url.search,
          method: 'POST',
          headers: { ...jsonHeaders, ...request.headers },
          body: request.body,
        });
        const text = await response.body.text();
        if (response.statusCode !== 200 || text.includes('"errors":')) failed ??= `HTTP ${response.statusCode} ${text}`;
      }
      latencies.push(performance.now() - t0);
      if (failed) {
        errors++;
        firstError ??= failed.slice(0, 500);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    await pool.close();
  }
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    rate: (latencies.length / elapsedMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    firstError,
    elapsedMs,
    latencies,
  };
}

/** Several runs of the same case as one: total units over total time, latencies pooled. */
export function combine(results: LoadResult[]): LoadResult {
  const count = results.reduce((sum, r) => sum + r.count, 0);
  const elapsedMs = results.reduce((sum, r) => sum + r.elapsedMs, 0);
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    count,
    rate: elapsedMs === 0 ? 0 : (count / elapsedMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    firstError: results.find((r) => r.firstError)?.firstError,
    elapsedMs,
    latencies,
  };
}

/** How long a case is run before it is measured. */
export interface WarmUp {
  /** At least this long… */
  ms: number;
  /**
   * …and until at least this many units have answered: V8 optimises a function
   * after enough calls, not after enough seconds, so a case served at 200
   * requests/s needs longer than one served at 8,000.
   */
  units: number;
  /** Never longer than this, however few units answered. */
  maxMs: number;
}

/** Runs `run` in steps of `warmUp.ms` until the warm-up is done; nothing it measures is kept. */
export async function warmUp(warm: WarmUp, run: (durationMs: number) => Promise<LoadResult>): Promise<void> {
  const started = performance.now();
  let units = 0;
  do {
    units += (await run(warm.ms)).count;
  } while (units < warm.units && performance.now() - started < warm.maxMs);
}
