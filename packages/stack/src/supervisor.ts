import type { ChildProcess } from 'node:child_process';
import type { Logger } from '@thidua/kit';

/** One program the supervisor keeps running. */
export interface ChildSpec {
  name: string;
  /** Starts one run: the process, and a promise that resolves once it serves and rejects if it exits first. */
  start(): { child: ChildProcess; ready: Promise<void> };
  /** Stops a run in an orderly way; resolves once it has exited. */
  stop(child: ChildProcess): Promise<void>;
  /** Sent when the supervisor itself exits with the child still running (default SIGKILL). */
  lastSignal?: NodeJS.Signals;
}

export interface Backoff {
  /** Wait before the first restart; each failure in a row doubles it. */
  initialMs: number;
  maxMs: number;
  /** A run that served this long resets the doubling. */
  stableMs: number;
}

export interface SupervisorOptions {
  logger: Logger;
  backoff?: Partial<Backoff>;
  /** A run that does not serve within this is killed and counts as a failure. */
  readyTimeoutMs?: number;
}

interface State {
  child?: ChildProcess;
  /** When the current run started serving; undefined while it starts. */
  servingSince?: number;
  failures: number;
  restarts: number;
  timer?: NodeJS.Timeout;
}

const defaultBackoff: Backoff = { initialMs: 500, maxMs: 30_000, stableMs: 30_000 };

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

function running(child: ChildProcess | undefined): child is ChildProcess {
  return Boolean(child) && child!.exitCode === null && child!.signalCode === null;
}

/** `promise`, or a rejection with `message` after `ms`. */
export function deadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs programs as child processes in tiers: each tier starts once the one
 * before serves (Postgres, then the subgraphs, then the gateway), and stops in
 * the reverse order. A child that exits on its own after it served is started
 * again after an exponential backoff, with a log line saying which child, how
 * it exited and when it restarts. A child that fails before it first serves
 * fails the whole start: that is a configuration problem, not a crash.
 */
export class Supervisor {
  private readonly states = new Map<string, State>();
  private readonly backoff: Backoff;
  private readonly readyTimeoutMs: number;
  private readonly logger: Logger;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly tiers: ChildSpec[][],
    options: SupervisorOptions,
  ) {
    this.logger = options.logger;
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
    for (const spec of tiers.flat()) this.states.set(spec.name, { failures: 0, restarts: 0 });
    // Whatever ends this process, no child outlives it for long: services lose
    // their supervisor channel and stop, and Postgres gets its last signal here.
    process.on('exit', () => {
      for (const spec of this.tiers.flat()) {
        const child = this.states.get(spec.name)!.child;
        if (running(child)) child.kill(spec.lastSignal ?? 'SIGKILL');
      }
    });
  }

  /** Starts every tier in order; rejects (after stopping what started) if a child fails to come up. */
  async start(): Promise<void> {
    try {
      for (const tier of this.tiers) await Promise.all(tier.map((spec) => this.run(spec, false)));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** The pid of each child's current run. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.states].map(([name, state]) => [name, state.child?.pid]));
  }

  /** Stops restarting, then stops the tiers in reverse order (gateway, subgraphs, Postgres). */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const state of this.states.values()) clearTimeout(state.timer);
      for (const tier of [...this.tiers].reverse()) {
        await Promise.all(
          tier.map(async (spec) => {
            const child = this.states.get(spec.name)!.child;
            if (!running(child)) return;
            await spec.stop(child);
            this.logger.info({ child: spec.name }, `${spec.name} stopped`);
          }),
        );
      }
    })();
    return this.stopping;
  }

  /** Sends every running child its last signal at once (a second Ctrl-C). */
  kill(): void {
    for (const spec of this.tiers.flat()) {
      const child = this.states.get(spec.name)!.child;
      if (running(child)) child.kill(spec.lastSignal ?? 'SIGKILL');
    }
  }

  private async run(spec: ChildSpec, restart: boolean): Promise<void> {
    const state = this.states.get(spec.name)!;
    const { child, ready } = spec.start();
    state.child = child;
    state.servingSince = undefined;
    child.once('exit', (code, signal) => {
      // Only a run that served is restarted from here; one that never did fails where it was started.
      if (state.child !== child || state.servingSince === undefined || this.stopping) return;
      const servedMs = Date.now() - state.servingSince;
      state.servingSince = undefined;
      this.scheduleRestart(
        spec,
        state,
        { pid: child.pid, code, signal },
        `exited unexpectedly (${describeExit(code, signal)})`,
        servedMs,
      );
    });
    try {
      await deadline(ready, this.readyTimeoutMs, `${spec.name} did not serve within ${this.readyTimeoutMs / 1000} s`);
    } catch (error) {
      if (running(child)) child.kill('SIGKILL');
      throw new Error(`${spec.name} did not start: ${(error as Error).message}`);
    }
    state.servingSince = Date.now();
    if (restart) {
      this.logger.info(
        { child: spec.name, pid: child.pid, restarts: state.restarts },
        `${spec.name} is serving again (pid ${child.pid})`,
      );
    } else {
      this.logger.info({ child: spec.name, pid: child.pid }, `${spec.name} is serving (pid ${child.pid})`);
    }
  }

  private scheduleRestart(
    spec: ChildSpec,
    state: State,
    exit: { pid?: number; code: number | null; signal: NodeJS.Signals | null },
    what: string,
    servedMs: number,
  ): void {
    if (servedMs >= this.backoff.stableMs) state.failures = 0;
    const delay = Math.min(this.backoff.initialMs * 2 ** state.failures, this.backoff.maxMs);
    state.failures += 1;
    const restartAt = new Date(Date.now() + delay).toISOString();
    this.logger.error(
      { child: spec.name, ...exit, restartInMs: delay, restartAt },
      `${spec.name} ${what}; restarting it in ${delay / 1000} s`,
    );
    state.timer = setTimeout(() => void this.restart(spec, state), delay);
  }

  private async restart(spec: ChildSpec, state: State): Promise<void> {
    if (this.stopping) return;
    state.restarts += 1;
    try {
      await this.run(spec, true);
    } catch (error) {
      if (this.stopping) return;
      const child = state.child;
      this.scheduleRestart(
        spec,
        state,
        { pid: child?.pid, code: child?.exitCode ?? null, signal: child?.signalCode ?? null },
        (error as Error).message.replace(`${spec.name} `, ''),
        0,
      );
    }
  }
}
