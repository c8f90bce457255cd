import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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
