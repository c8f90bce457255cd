import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createLogger, readAuthConfig, statementCount, dropDatabase } from '@thidua/kit';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { freePort, postGraphQL, uniquePrefix } from '@thidua/kit/testing';
import { startStack, type Stack } from './stack.js';
import { runGatewayBench } from './bench-gateways.js';
import { benchQueries } from './bench-queries.js';
import { benchImport } from './bench-import.js';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 100);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function statements(stack: Stack): number {
  return Object.values(stack.subgraphs).reduce((sum, s) => sum + statementCount(s.dataSource), 0);
}

const usage = `npm run bench [-- options]
  (no option)          the whole stack in this process: latency, throughput and SQL statements per request
  --gateways           thidua's gateway against Hive Gateway, over subgraphs in their own processes
  --only a,b           only the queries whose name contains one of these
  --rounds n           interleaved rounds per query and mode (default 3)
  --duration ms        length of one round (default 3000)
  --connections n      connections of the load (default 20)
  --warmup-requests n  before each case is measured, run it 1 s and until n requests answered (default 3000;
                       at most 20 s); 0 warms up for 1 s only, as runs before 2026-11-27 did
  --no-floors          skip the subgraph floors and the in-process baseline
  --out file           where --gateways writes its results (default bench-results.json)
BENCH_PROFILE_DIR=dir  every process the bench starts writes a CPU profile under dir when it stops`;

function parse() {
  const { values } = parseArgs({
    options: {
      gateways: { type: 'boolean', default: false },
      only: { type: 'string', default: '' },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '3000' },
      connections: { type: 'string', default: '20' },
      'warmup-requests': { type: 'string', default: '3000' },
      'no-floors': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results.json' },
      help: { type: 'boolean', default: false },
    },
  });
  return values;
}

/**
 * `npm run bench`: the real stack on a real Postgres with the demo data. By
 * default each representative query is timed sequentially (p50/p95/p99),
 * then under concurrency, and its SQL statement count per request is
 * reported; `--gateways` compares gateways (see bench-gateways.ts).
 */
async function main(): Promise<void> {
  const args = parse();
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const logger = createLogger('bench', { level: 'warn' });
  let postgres: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'thidua-bench-'));
    chmodSync(dir, 0o755);
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), logger });
    databaseUrl = postgres.url;
  }
  const prefix = uniquePrefix();
  if (args.gateways) {
    try {
      const durationMs = Number(args.duration);
      await runGatewayBench({
        databaseUrl,
        databasePid: postgres?.pid,
        databasePrefix: prefix,
        authSecret: readAuthConfig(process.env).authSecret,
        logger,
        connections: Number(args.connections),
        rounds: Number(args.rounds),
        durationMs,
        warmUp: { ms: Math.min(1000, durationMs), units: Number(args['warmup-requests']), maxMs: 20_000 },
        only: args.only ? args.only.split(',') : [],
        floors: !args['no-floors'],
        out: path.resolve(args.out),
      });
    } finally {
      await Promise.all(
        ['provinces', 'awards', 'metrics', 'gateway'].map((name) => dropDatabase(databaseUrl!, `${prefix}_${name}`)),
      );
      await postgres?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const stack = await startStack({
    databaseUrl,
    databasePrefix: prefix,
    auth: readAuthConfig(process.env),
    logger,
    host: '127.0.0.1',
    demo: true,
    // The work of each query, not the response cache's answer to a repeated one (--gateways measures both).
    calls: { responseCacheTtlMs: 0 },
  });
  try {
    const rows: string[][] = [];
    for (const bench of benchQueries) {
      const run = () => postGraphQL(stack.gateway.url, bench.query, { variables: bench.variables });
      const first = await run();
      if (first.errors) throw new Error(`${bench.name}: ${JSON.stringify(first.errors)}`);
      for (let i = 0; i < 5; i++) await run();
      const before = statements(stack);
      await run();
      const perRequest = statements(stack) - before;
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < iterations) await run();
        }),
      );
      const throughput = (iterations / (performance.now() - started)) * 1000;
      rows.push([
        bench.name,
        percentile(times, 50).toFixed(1),
        percentile(times, 95).toFixed(1),
        percentile(times, 99).toFixed(1),
        throughput.toFixed(0),
        String(perRequest),
      ]);
    }
    const header = ['query', 'p50 ms', 'p95 ms', 'p99 ms', `req/s @${concurrency}`, 'SQL/request'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
    for (const row of rows) process.stdout.write(`${line(row)}\n`);
    process.stdout.write(
      `\n${iterations} sequential requests per query, then ${iterations} with ${concurrency} in flight.\n`,
    );
    process.stdout.write(
      `\n${(await benchImport(stack.gateway.url, readAuthConfig(process.env).authSecret)).join('\n')}\n`,
    );
  } finally {
    await stack.stop();
    await Promise.all(
      ['provinces', 'awards', 'metrics', 'gateway'].map((name) => dropDatabase(databaseUrl!, `${prefix}_${name}`)),
    );
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
