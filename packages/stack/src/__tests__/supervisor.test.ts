import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import pino from 'pino';
import { eventually } from '@thidua/kit/testing';
import { exitWithin } from '../embedded-postgres.js';
import { Supervisor, type ChildSpec } from '../supervisor.js';
import { serving } from '../supervisor-children.js';

// Real child processes (tiny node programs), a real logger writing to memory.
interface Line {
  msg: string;
  child?: string;
  code?: number | null;
  signal?: string | null;
  restartInMs?: number;
}

function capture() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Line),
      );
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

/** A program that serves at once and exits with `code` after `ms` (never, without `ms`). */
function program(name: string, ms?: number, code = 3): ChildSpec & { runs: ChildProcess[] } {
  const runs: ChildProcess[] = [];
  const script = ms === undefined ? 'setInterval(() => {}, 1000)' : `setTimeout(() => process.exit(${code}), ${ms})`;
  return {
    name,
    runs,
    start() {
      const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
      runs.push(child);
      return { child, ready: Promise.resolve() };
    },
    async stop(child) {
      child.kill('SIGTERM');
      await exitWithin(child, 5_000);
    },
  };
}

describe('Supervisor', () => {
  test('restarts a child that keeps crashing after a backoff that doubles, saying which, how and when', async () => {
    const { lines, logger } = capture();
    const crashing = program('crashing', 30);
    const steady = program('steady');
    const supervisor = new Supervisor([[crashing], [steady]], {
      logger,
      backoff: { initialMs: 20, maxMs: 80, stableMs: 60_000 },
    });
    await supervisor.start();
    await eventually('five runs of the crashing child', () => crashing.runs.length >= 5);
    await supervisor.stop();

    const restarts = lines.filter((line) => line.child === 'crashing' && line.restartInMs !== undefined);
    expect(restarts.slice(0, 4).map((line) => line.restartInMs)).toEqual([20, 40, 80, 80]);
    expect(restarts[0]).toMatchObject({
      code: 3,
      signal: null,
      msg: 'crashing exited unexpectedly (exit code 3); restarting it in 0.02 s',
    });
    expect(steady.runs).toHaveLength(1);
    // Stopped in reverse order: the later tier first.
    const stopped = lines.filter((line) => line.msg.endsWith(' stopped')).map((line) => line.child);
    expect(stopped[0]).toBe('steady');
    expect(
      [...crashing.runs, ...steady.runs].every((child) => child.exitCode !== null || child.signalCode !== null),
    ).toBe(true);
  });

  test('a child that fails before it first serves fails the start, and what started is stopped', async () => {
    const { logger } = capture();
    const first = program('first');
    const broken: ChildSpec = {
      name: 'broken',
      start() {
        const child = spawn(process.execPath, ['-e', 'process.exit(1)'], { stdio: 'ignore' });
        const ready = new Promise<void>((_, reject) =>
          child.once('exit', (code) => reject(new Error(`exited (exit code ${code}) before it answered`))),
        );
        return { child, ready };
      },
      stop: async () => undefined,
    };
    const supervisor = new Supervisor([[first], [broken]], { logger });
    await expect(supervisor.start()).rejects.toThrow('broken did not start: exited (exit code 1) before it answered');
    expect(first.runs[0].exitCode !== null || first.runs[0].signalCode !== null).toBe(true);
  });

  test('a child killed with SIGKILL is restarted, and a stop during the backoff starts nothing more', async () => {
    const { lines, logger } = capture();
    const service = program('service');
    const supervisor = new Supervisor([[service]], { logger, backoff: { initialMs: 200 } });
    await supervisor.start();
    service.runs[0].kill('SIGKILL');
    await eventually('the restart announced', () =>
      lines.some((line) => line.msg === 'service exited unexpectedly (signal SIGKILL); restarting it in 0.2 s'),
    );
    await eventually('serving again', () => lines.some((line) => line.msg.startsWith('service is serving again')));
    service.runs[1].kill('SIGKILL');
    await eventually('the second kill seen', () => lines.filter((line) => line.signal === 'SIGKILL').length === 2);
    await supervisor.stop();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(service.runs).toHaveLength(2);
  });
});

describe('serving: a service counts as serving when it says so over its IPC channel', () => {
  /** A child with an IPC channel that runs `script` (it may call process.send). */
  function child(script: string): ChildProcess {
    return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  }

  test('its message naming the expected port; other messages do not count', async () => {
    const service = child(`
      process.send({ thidua: 'starting' });
      process.send('serving');
      setTimeout(() => process.send({ thidua: 'serving', port: 4102 }), 200);
      process.on('disconnect', () => process.exit(0));`);
    let settled = false;
    const ready = serving(service, 4102).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    await ready;
    expect(settled).toBe(true);
    service.kill();
    await exitWithin(service, 5_000);
  });

  test('another port, or an exit before the message, is a failure that says so', async () => {
    const elsewhere = child(
      `process.send({ thidua: 'serving', port: 4999 }); process.on('disconnect', () => process.exit(0));`,
    );
    await expect(serving(elsewhere, 4102)).rejects.toThrow('serves on port 4999, not on 4102');
    elsewhere.kill();
    await exitWithin(elsewhere, 5_000);
    await expect(serving(child('process.exit(1)'), 4102)).rejects.toThrow(
      'exited (exit code 1) before it served on port 4102',
    );
    const missing = spawn('/nonexistent/program', [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    await expect(serving(missing, 4102)).rejects.toThrow(
      /could not be started: spawn \/nonexistent\/program ENOENT|exited/,
    );
  });
});
