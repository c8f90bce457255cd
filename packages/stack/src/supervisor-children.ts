import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isServingMessage } from '@thidua/kit';
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

/**
 * Resolves once `child` says it serves on `port` (the kit's
 * tellSupervisorServing, over the IPC channel); rejects if it names another
 * port, fails to spawn, or exits first. Nothing is asked of the port itself:
 * another program holding it would answer there while the service failed to
 * bind it, and the federation would route to that program.
 */
export function serving(child: ChildProcess, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (message: unknown) => {
      if (!isServingMessage(message)) return;
      settle(message.port === port ? undefined : new Error(`serves on port ${message.port}, not on ${port}`));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      settle(new Error(`exited (${how}) before it served on port ${port}`));
    };
    const onError = (error: Error) => settle(new Error(`could not be started: ${error.message}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/**
 * A service as its own process, configured by environment exactly as
 * docker-compose.yml configures its container (`port` is the one its PORT
 * says). It gets an IPC channel: it says there when it serves (see
 * {@link serving}), and if the supervisor dies, the channel closes and the
 * service stops (see the kit's handleShutdown).
 */
export function serviceSpec(name: ServiceName, env: NodeJS.ProcessEnv, port: number): ChildSpec {
  return {
    name,
    start() {
      const child = spawn(process.execPath, [...serviceNodeOptions, programOf(name)], {
        env,
        // Own process group: Ctrl-C reaches the supervisor only, which stops the children in order.
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      return { child, ready: serving(child, port) };
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
