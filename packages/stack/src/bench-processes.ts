import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@thidua/kit/testing';
import { projectRoot } from './launcher.js';
import { serviceNodeOptions, serving } from './supervisor-children.js';
import { deadline } from './supervisor.js';

/** A server the bench started in a child process of its own. */
export interface ChildServer {
  name: string;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const servicesDir = path.join(projectRoot, 'services');

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/**
 * CPU time (user + system, ms) a process has used so far, from
 * /proc/<pid>/stat: unlike requests per second, it does not depend on what
 * else the machine is running. NaN where /proc is not available.
 */
export function cpuMs(pid: number | undefined): number {
  const fields = statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond : NaN;
}

/** The fields of /proc/<pid>/stat after the command's name (state first), or null. */
function statFields(pid: number | undefined): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) a server and the processes it forks have used so far: its
 * own, its children's that have exited (cutime, cstime), and its running
 * children's. For the Postgres postmaster that is the work of every backend,
 * what the database spent on the statements it was sent. NaN where /proc is
 * not available.
 */
export function processTreeCpuMs(pid: number | undefined): number {
  const own = statFields(pid);
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // The parent's pid is the field after the state.
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** Where the bench's own copy of Hive Gateway lives (packages/stack/hive-gateway, its own lockfile). */
const hiveDir = path.join(projectRoot, 'packages', 'stack', 'hive-gateway');

/**
 * The Hive Gateway CLI: HIVE_GATEWAY_BIN when set, else the bench's copy,
 * installed with `npm ci` on first use. It is kept out of the workspace's
 * lockfile because its current dependency tree needs Node 22; the pinned
 * tree in hive-gateway/package-lock.json runs on Node 20 without warnings.
 */
export function hiveGatewayBin(): { bin: string; version: string } {
  const configured = process.env.HIVE_GATEWAY_BIN;
  const bin = configured ?? path.join(hiveDir, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  if (!existsSync(bin)) {
    if (configured) throw new Error(`HIVE_GATEWAY_BIN=${configured} does not exist`);
    process.stdout.write(`Installing Hive Gateway for the bench (npm ci in ${path.relative(projectRoot, hiveDir)})…\n`);
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: hiveDir, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm ci for Hive Gateway failed');
  }
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(bin), '..', 'package.json'), 'utf8'));
  return { bin, version: manifest.version as string };
}

async function servingWithin(child: ChildProcess, name: string, port: number, log: () => string): Promise<void> {
  try {
    await deadline(serving(child, port), 120_000, 'it did not say it serves within 120 s');
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}:\n${log()}`);
  }
}

async function waitUntilReady(child: ChildProcess, name: string, ready: () => Promise<boolean>, log: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log()}`);
    if (await ready().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${name} did not become ready within 120 s:\n${log()}`);
}

/**
 * When a child serves: a port, for thidua's services, which say so over an
 * IPC channel as under `npm start` (and stop when the bench is gone, its
 * channel closed); or a check to repeat until it passes, for a program that
 * does not (Hive Gateway, a gateway built from another checkout).
 */
type Readiness = number | (() => Promise<boolean>);

/**
 * Starts a server: `node [nodeOptions] args…`. thidua's services get the V8
 * options `npm start` gives them (`serviceNodeOptions`); Hive Gateway runs as
 * its own command starts it.
 */
async function startChild(
  name: string,
  nodeOptions: readonly string[],
  args: string[],
  env: Record<string, string>,
  url: string,
  ready: Readiness,
): Promise<ChildServer> {
  // BENCH_PROFILE_DIR: each child writes a V8 CPU profile there when it stops (open in Chrome DevTools).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name.replace(/\W+/g, '-').toLowerCase())}`]
    : [];
  const child = spawn(process.execPath, [...profile, ...nodeOptions, ...args], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: typeof ready === 'number' ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    if (typeof ready === 'number') await servingWithin(child, name, ready, () => output);
    else await waitUntilReady(child, name, ready, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, url, process: child, stop };
}

const healthy = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

export interface SubgraphProcessOptions {
  databaseUrl: string;
  databasePrefix: string;
  authSecret: string;
}

/**
 * The three subgraphs, each in its own process, from their standalone
 * entry points (services/<name>/dist/index.js) on a real Postgres, demo data
 * seeded. Provinces starts first: awards checks members at its URL.
 */
export async function startSubgraphProcesses(options: SubgraphProcessOptions): Promise<ChildServer[]> {
  const started: ChildServer[] = [];
  const start = async (name: string, extra: Record<string, string> = {}) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await startChild(
      name,
      serviceNodeOptions,
      [path.join(servicesDir, name, 'dist', 'index.js')],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: options.databaseUrl,
        DATABASE_NAME: `${options.databasePrefix}_${name}`,
        SEED_DEMO: '1',
        AUTH_SECRET: options.authSecret,
        ...extra,
      },
      `${base}/graphql`,
      port,
    );
    started.push(server);
    return server;
  };
  try {
    const provinces = await start('provinces');
    await Promise.all([start('awards', { PROVINCES_URL: provinces.url }), start('metrics')]);
    return started;
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
}

/**
 * thidua's gateway in its own process, over the given subgraph URLs: this
 * checkout's build, or THIDUA_GATEWAY_DIR's (another built checkout, e.g.
 * an earlier commit, to measure before and after on the same subgraphs).
 */
export async function startThiduaGateway(
  subgraphUrls: Record<string, string>,
  authSecret: string,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  return startChild(
    'thidua gateway',
    serviceNodeOptions,
    [path.join(process.env.THIDUA_GATEWAY_DIR ?? projectRoot, 'services', 'gateway', 'dist', 'index.js')],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_SECRET: authSecret,
      ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
      ...env,
    },
    `${base}/graphql`,
    // A gateway built from another checkout may predate the message that it serves.
    process.env.THIDUA_GATEWAY_DIR ? healthy(`${base}/health`) : port,
  );
}

/**
 * The committed supergraph with only its subgraph URLs changed to where the
 * bench runs them: the schema and every join directive stay as committed.
 */
export function supergraphWithUrls(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"[^"]+"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

/** Hive Gateway in its own process, serving the committed supergraph over the given subgraph URLs. */
export async function startHiveGateway(
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
  workDir: string,
): Promise<ChildServer> {
  const { bin } = hiveGatewayBin();
  const port = await freePort();
  const file = path.join(workDir, `supergraph-${port}.graphql`);
  writeFileSync(file, supergraphWithUrls(supergraphSdl, subgraphUrls));
  const base = `http://127.0.0.1:${port}`;
  return startChild(
    'Hive Gateway',
    [],
    [bin, 'supergraph', file, '--port', String(port), '--host', '127.0.0.1'],
    {},
    `${base}/graphql`,
    async () => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(2000),
      });
      return response.ok;
    },
  );
}
