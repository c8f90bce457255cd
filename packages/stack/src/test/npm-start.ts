import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@thidua/kit/testing';

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** `npm start`'s program, run as a user runs it: its output kept, its exit code awaited. */
export interface NpmStart {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
}

/** Runs it with `env`; from `folder` (a copy of the project) when given, else this checkout's, from the test's folder. */
export function spawnNpmStart(env: NodeJS.ProcessEnv, folder?: string): NpmStart {
  const child = spawn(process.execPath, [path.join(folder ?? projectRoot, 'packages/stack/dist/start.js')], {
    cwd: folder,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until its output shows `text` (a line of the banner); throws with the output if it exits first or after `ms`. */
export async function untilOutput(started: NpmStart, text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm start did not come up:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The ports of the processes `npm start` runs. */
export interface StackPorts {
  /** The embedded Postgres (unused when DATABASE_URL is set). */
  postgres: number;
  gateway: number;
  provinces: number;
  awards: number;
  metrics: number;
}

/** A free port for each process `npm start` runs, and the environment that gives them to it. */
export async function freeStackPorts(): Promise<{ ports: StackPorts; env: Record<string, string> }> {
  const [postgres, gateway, provinces, awards, metrics] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
  return {
    ports: { postgres, gateway, provinces, awards, metrics },
    env: {
      EMBEDDED_PG_PORT: String(postgres),
      PORT: String(gateway),
      PROVINCES_PORT: String(provinces),
      AWARDS_PORT: String(awards),
      METRICS_PORT: String(metrics),
    },
  };
}
