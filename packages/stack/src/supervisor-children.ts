import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { exitWithin, stopPostgres, type PreparedPostgres } from './embedded-postgres.js';
import type { ChildSpec } from './supervisor.js';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** The services, in the tiers they start in: provinces first (awards checks members there), the gateway last. */
export const serviceTiers = [['provinces', 'awards', 'metrics'], ['gateway']] as const;
export type ServiceName = (typeof serviceTiers)[number][number];

/** The standalone program of a service, the one its container runs. */
export function programOf(name: ServiceName): string {
  return path.join(projectRoot, 'services', name, 'dist', 'index.js');
}

/**
 * The V8 options every service process runs with, under `npm start`, in the
 * bench and in the containers (Dockerfile, docker-compose.yml).
 *
 * `--single-threaded-gc`: the garbage collector works on the service's own
 * thread instead of also on helper threads. On a small machine (this
 * project's has 2 cores, shared with Postgres and the other services) the
 * helpers cost more CPU than they save: measured in pairs (the same build at
 * the same time, with and without it), the metrics fetches of a province's
 * observations took a fifth to a quarter less CPU, and small answers the same
 * (docs/operations.md, "Resolvers called straight, one thread for the garbage
 * collector"). A host with cores to spare can measure without it.
 */
export const serviceNodeOptions: readonly string[] = ['--single-threaded-gc'];

/** The address a client on this machine uses for a server bound to `host`. */
export function reachableHost(host: string): string {
  if (host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `url` answers at all (a 503 from a degraded gateway counts); rejects if `child` exits first. */
async function answering(child: ChildProcess, url: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`;
      throw new Error(`exited (${how}) before it answered on ${url}`);
    }
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * A service as its own process, configured by environment exactly as
 * docker-compose.yml configures its container. It gets an IPC channel: if the
 * supervisor dies, the channel closes and the service stops (see the kit's
 * handleShutdown).
 */
export function serviceSpec(name: ServiceName, env: NodeJS.ProcessEnv, healthUrl: string): ChildSpec {
  return {
    name,
    start() {
      const child = spawn(process.execPath, [...serviceNodeOptions, programOf(name)], {
        env,
        // Own process group: Ctrl-C reaches the supervisor only, which stops the children in order.
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      return { child, ready: answering(child, healthUrl) };
    },
    async stop(child) {
      child.kill('SIGTERM');
      if (!(await exitWithin(child, 10_000))) {
        child.kill('SIGKILL');
        await exitWithin(child, 5_000);
      }
    },
  };
}

/** The embedded Postgres as a supervised child: stopped with a fast shutdown, told SIGQUIT if left behind. */
export function postgresSpec(prepared: PreparedPostgres): ChildSpec {
  return {
    name: 'postgres',
    start: () => prepared.spawn(),
    stop: (child) => stopPostgres(child),
    lastSignal: 'SIGQUIT',
  };
}
