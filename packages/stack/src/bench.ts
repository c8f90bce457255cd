import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger, readAuthConfig, statementCount, dropDatabase } from '@thidua/kit';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { freePort, postGraphQL, uniquePrefix } from '@thidua/kit/testing';
import { startStack, type Stack } from './stack.js';
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

/**
 * `npm run bench`: the real stack on a real Postgres with the demo data; each
 * representative query is timed sequentially (p50/p95/p99), then under
 * concurrency, and its SQL statement count per request is reported.
 */
async function main(): Promise<void> {
  const logger = createLogger('bench', 'warn');
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
  const stack = await startStack({
    databaseUrl,
    databasePrefix: prefix,
    auth: readAuthConfig(process.env),
    logger,
    host: '127.0.0.1',
    demo: true,
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
      ['provinces', 'awards', 'metrics'].map((name) => dropDatabase(databaseUrl!, `${prefix}_${name}`)),
    );
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
