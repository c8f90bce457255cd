import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { supergraphPath } from '@thidua/gateway';
import { type Logger } from '@thidua/kit';
import { isDeepStrictEqual } from 'node:util';
import { startStandingsBaseline, startRecordingProxy, type RecordingProxy } from './bench-floors.js';
import { combine, runLoad, warmUp, type LoadRequest, type LoadResult, type WarmUp } from './bench-load.js';
import {
  cpuMs,
  processTreeCpuMs,
  hiveGatewayBin,
  startHiveGateway,
  startSubgraphProcesses,
  startThiduaGateway,
  type ChildServer,
} from './bench-processes.js';
import {
  benchQueries,
  domainFrom,
  domainQuery,
  seededRandom,
  type BenchDomain,
  type BenchQuery,
} from './bench-queries.js';
import { printReport, type CaseResult, type Floor, type GatewayBenchReport, type QueryReport } from './bench-report.js';

export interface GatewayBenchOptions {
  databaseUrl: string;
  /** The embedded Postgres's postmaster, whose CPU the floors report; none with an outside DATABASE_URL. */
  databasePid?: number;
  databasePrefix: string;
  authSecret: string;
  logger: Logger;
  connections: number;
  rounds: number;
  durationMs: number;
  warmUp: WarmUp;
  /** Names (substrings) of the queries to run; all when empty. */
  only: string[];
  floors: boolean;
  out: string;
}

type Mode = 'hot' | 'cold';
const modes: Mode[] = ['hot', 'cold'];
/** Cold requests ask for a fresh answer: thidua's response cache and fetch merging step aside for them. */
const coldHeaders = { 'cache-control': 'no-cache' };
const coldVariants = 4000;

function body(query: BenchQuery, variables: Record<string, unknown>): string {
  return JSON.stringify({ query: query.query, variables });
}

/**
 * The requests of one mode: hot repeats one. Cold walks the distinct
 * variants of a seeded sequence in turn, the same for both gateways, so the
 * requests in flight at once differ as far as the data allows (a season
 * query has only as many variants as there are seasons). A query without
 * arguments has no cold mode.
 */
function requestsFor(query: BenchQuery, index: number, mode: Mode, domain: BenchDomain): LoadRequest[] {
  if (mode === 'hot') return [{ body: body(query, query.variables) }];
  if (!query.cold) return [];
  const random = seededRandom(1000 + index);
  const variants = new Set(Array.from({ length: coldVariants }, () => body(query, query.cold!(random, domain))));
  return [...variants].map((variant) => ({ body: variant, headers: coldHeaders }));
}

async function post(
  url: string,
  requestBody: string,
  headers: Record<string, string> = {},
): Promise<{ data?: unknown; errors?: { message: string }[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: requestBody,
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
}

const load = (url: string, connections: number, requests: LoadRequest[], durationMs: number) =>
  runLoad({ url, connections, durationMs, next: (i) => [requests[i % requests.length]] });

/** A load against one gateway, with the CPU time its process and the subgraphs' processes spent. */
async function measured(gateway: ChildServer, subgraphs: ChildServer[], run: () => Promise<LoadResult>) {
  const subgraphCpu = () => subgraphs.reduce((sum, s) => sum + cpuMs(s.process.pid), 0);
  const before = { gateway: cpuMs(gateway.process.pid), subgraphs: subgraphCpu() };
  const result = await run();
  return {
    result,
    gatewayCpuMs: cpuMs(gateway.process.pid) - before.gateway,
    subgraphCpuMs: subgraphCpu() - before.subgraphs,
  };
}

/** How many subgraph calls `count` client requests (hot, `connections` in flight) cause through a gateway. */
async function callsPerRequest(url: string, proxies: RecordingProxy[], requests: LoadRequest[], connections: number) {
  const count = 400;
  const before = proxies.reduce((sum, p) => sum + p.calls, 0);
  await runLoad({ url, connections, requests: count, next: (i) => [requests[i % requests.length]] });
  return (proxies.reduce((sum, p) => sum + p.calls, 0) - before) / count;
}

/** Each subgraph's part of a query: the bodies thidua's gateway sent it for each of a few client requests. */
async function captureParts(gatewayUrl: string, proxies: RecordingProxy[], requests: LoadRequest[]) {
  const parts: Record<string, LoadRequest[][]> = {};
  for (const request of requests.slice(0, 40)) {
    for (const proxy of proxies) proxy.recorded = [];
    await post(gatewayUrl, request.body, request.headers);
    for (const proxy of proxies) {
      if (proxy.recorded.length) (parts[proxy.name] ??= []).push(proxy.recorded.map((b) => ({ body: b })));
    }
  }
  return parts;
}

/**
 * `npm run bench -- --gateways`: thidua's gateway and Hive Gateway serve the
 * committed supergraph over the same three subgraph processes; interleaved
 * rounds per query and mode; floors (each subgraph alone with its part of
 * the query) and an in-process baseline for the standings.
 */
export async function runGatewayBench(options: GatewayBenchOptions): Promise<GatewayBenchReport> {
  const { connections, rounds, durationMs } = options;
  const hive = hiveGatewayBin();
  const workDir = mkdtempSync(path.join(tmpdir(), 'thidua-bench-gw-'));
  const supergraph = readFileSync(supergraphPath, 'utf8');
  const children: ChildServer[] = [];
  const proxies: RecordingProxy[] = [];
  const loadBefore = loadavg()[0];
  const queries = benchQueries.filter((q) => !options.only.length || options.only.some((o) => q.name.includes(o)));
  try {
    const subgraphs = await startSubgraphProcesses(options);
    children.push(...subgraphs);
    const urls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url]));
    // thidua's gateway keeps accounts in its own database (docs/accounts.md).
    const gatewayDatabase = { DATABASE_URL: options.databaseUrl, DATABASE_NAME: `${options.databasePrefix}_gateway` };
    const thidua = await startThiduaGateway(urls, options.authSecret, gatewayDatabase);
    const hiveGateway = await startHiveGateway(supergraph, urls, workDir);
    children.push(thidua, hiveGateway);
    const gateways = { thidua, hive: hiveGateway };

    const domainAnswer = await post(thidua.url, JSON.stringify({ query: domainQuery }));
    const domain = domainFrom(domainAnswer.data as Parameters<typeof domainFrom>[0]);

    for (const s of subgraphs) proxies.push(await startRecordingProxy(s.name, s.url));
    const proxied = Object.fromEntries(proxies.map((p) => [p.name, p.url]));
    const countingThidua = await startThiduaGateway(proxied, options.authSecret, gatewayDatabase);
    const countingHive = await startHiveGateway(supergraph, proxied, workDir);
    children.push(countingThidua, countingHive);

    const reports: QueryReport[] = [];
    for (const [index, query] of queries.entries()) {
      const requests = {
        hot: requestsFor(query, index, 'hot', domain),
        cold: requestsFor(query, index, 'cold', domain),
      };
      const first = {
        thidua: await post(thidua.url, requests.hot[0].body),
        hive: await post(hiveGateway.url, requests.hot[0].body),
      };
      if (first.thidua.errors) throw new Error(`${query.name}: thidua answered ${JSON.stringify(first.thidua.errors)}`);
      const report: QueryReport = {
        name: query.name,
        answerable: { thidua: true, hive: !first.hive.errors },
        hiveError: first.hive.errors?.[0]?.message,
        sameAnswer: !first.hive.errors && isDeepStrictEqual(first.thidua.data, first.hive.data),
        calls: {
          thidua: await callsPerRequest(countingThidua.url, proxies, requests.hot, connections),
          hive: first.hive.errors ? null : await callsPerRequest(countingHive.url, proxies, requests.hot, connections),
        },
        modes: {},
        floors: {},
      };
      process.stdout.write(`${query.name}\n`);
      for (const mode of modes) {
        if (!requests[mode].length) continue;
        const results: Record<'thidua' | 'hive', LoadResult[]> = { thidua: [], hive: [] };
        const cpu = { thidua: { gateway: 0, subgraphs: 0 }, hive: { gateway: 0, subgraphs: 0 } };
        const names = report.answerable.hive ? (['thidua', 'hive'] as const) : (['thidua'] as const);
        for (const name of names) {
          await warmUp(options.warmUp, (ms) => load(gateways[name].url, connections, requests[mode], ms));
        }
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? names : [...names].reverse();
          for (const name of order) {
            const run = await measured(gateways[name], subgraphs, () =>
              load(gateways[name].url, connections, requests[mode], durationMs),
            );
            results[name].push(run.result);
            cpu[name].gateway += run.gatewayCpuMs;
            cpu[name].subgraphs += run.subgraphCpuMs;
          }
        }
        const summary = (name: 'thidua' | 'hive'): CaseResult | null => {
          const list = results[name];
          if (!list.length) return null;
          const all = combine(list);
          return {
            gatewayCpuMs: cpu[name].gateway / all.count,
            subgraphCpuMs: cpu[name].subgraphs / all.count,
            rate: all.rate,
            p50: all.p50,
            p99: all.p99,
            errors: all.errors,
            firstError: all.firstError,
            rounds: list.map((r) => r.rate),
          };
        };
        const t = summary('thidua')!;
        const h = summary('hive');
        report.modes[mode] = { thidua: t, hive: h, ratio: h ? t.rate / h.rate : null };
        process.stdout.write(
          `  ${mode}: thidua ${t.rate.toFixed(0)}/s` +
            (h ? `, Hive ${h.rate.toFixed(0)}/s` : ', Hive: not answerable') +
            '\n',
        );
      }
      if (options.floors) {
        for (const mode of modes) {
          if (!requests[mode].length) continue;
          const parts = await captureParts(countingThidua.url, proxies, requests[mode]);
          const floor: Record<string, Floor> = {};
          for (const [name, units] of Object.entries(parts)) {
            const server = subgraphs.find((sg) => sg.name === name)!;
            const next = (i: number) => units[i % units.length];
            // Warmed up as the gateways are: otherwise the first floor of a subgraph pays for its JIT.
            await warmUp(options.warmUp, (ms) => runLoad({ url: server.url, connections, durationMs: ms, next }));
            const before = { server: cpuMs(server.process.pid), database: processTreeCpuMs(options.databasePid) };
            const result = await runLoad({
              url: server.url,
              connections,
              durationMs,
              next,
            });
            const databaseCpuMs = (processTreeCpuMs(options.databasePid) - before.database) / result.count;
            floor[name] = {
              rate: result.rate,
              cpuMs: (cpuMs(server.process.pid) - before.server) / result.count,
              ...(Number.isFinite(databaseCpuMs) ? { databaseCpuMs } : {}),
            };
          }
          report.floors[mode] = floor;
        }
      }
      reports.push(report);
    }

    let baseline: GatewayBenchReport['baseline'];
    const standings = reports.find((r) => r.name.startsWith('standings'));
    if (options.floors && standings) {
      const inProcess = await startStandingsBaseline({ ...options, provincesUrl: urls.provinces });
      try {
        baseline = {};
        const query = benchQueries.find((q) => q.name === standings.name)!;
        for (const mode of modes) {
          const random = seededRandom(7);
          const variables = Array.from({ length: mode === 'hot' ? 1 : coldVariants }, () =>
            mode === 'hot' ? query.variables : query.cold!(random, domain),
          ) as Parameters<typeof inProcess.answer>[0][];
          await warmUp(options.warmUp, (ms) => inProcess.load(connections, ms, (i) => variables[i % variables.length]));
          const results: LoadResult[] = [];
          const cpuBefore = process.cpuUsage();
          for (let round = 0; round < rounds; round++) {
            results.push(await inProcess.load(connections, durationMs, (i) => variables[i % variables.length]));
          }
          const used = process.cpuUsage(cpuBefore);
          const all = combine(results);
          const cpuMsPerAnswer = (used.user + used.system) / 1000 / all.count;
          const thidua = standings.modes[mode]!.thidua;
          baseline[mode] = {
            rate: all.rate,
            p50: all.p50,
            p99: all.p99,
            cost: all.rate / thidua.rate,
            cpuMs: cpuMsPerAnswer,
            cpuCost: (thidua.gatewayCpuMs + thidua.subgraphCpuMs) / cpuMsPerAnswer,
          };
        }
      } finally {
        await inProcess.stop();
      }
    }

    const report: GatewayBenchReport = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        loadAverage: { before: loadBefore, after: loadavg()[0] },
      },
      layout:
        'each subgraph, thidua’s gateway and Hive Gateway in its own Node process; embedded Postgres; ' +
        'load generator, recording proxies and the in-process baseline in the bench process; all on this machine',
      hiveGateway: hive.version,
      settings: { connections, rounds, durationMs, warmUp: options.warmUp, coldHeader: 'cache-control: no-cache' },
      queries: reports,
      baseline,
    };
    writeFileSync(options.out, JSON.stringify(report, null, 2) + '\n');
    printReport(report);
    process.stdout.write(`\nWritten to ${options.out}\n`);
    return report;
  } finally {
    await Promise.allSettled(proxies.map((p) => p.stop()));
    await Promise.allSettled(children.reverse().map((c) => c.stop()));
    rmSync(workDir, { recursive: true, force: true });
  }
}
