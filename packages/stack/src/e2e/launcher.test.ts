import { createServer } from 'node:http';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signToken } from '@thidua/kit';
import { postGraphQL } from '@thidua/kit/testing';
import { freeStackPorts, spawnNpmStart, untilOutput, type NpmStart } from '../test/npm-start.js';

const secret = 'launcher-test-secret-0123456789';

let dataDir: string;
let env: NodeJS.ProcessEnv;
let gatewayUrl: string;

/** Every run a test started, so that one failing test leaves nothing running for the next. */
const runs: NpmStart[] = [];

/** Runs `npm start`'s program as a user would, and waits for its banner. */
async function launch(): Promise<NpmStart> {
  const started = spawnNpmStart(env);
  runs.push(started);
  await untilOutput(started, 'thidua is running', 60_000);
  return started;
}

function postgresPid(): number | null {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to 10 s for every one of `pids` to be gone. */
async function untilGone(pids: number[]): Promise<void> {
  for (let waited = 0; pids.some(alive) && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-launcher-'));
  chmodSync(dataDir, 0o755);
  const { ports, env: portsEnv } = await freeStackPorts();
  env = { ...process.env, DATA_DIR: dataDir, AUTH_SECRET: secret, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...portsEnv };
  delete env.DATABASE_URL;
  gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
});

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }
  const pid = postgresPid();
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGINT');
    await untilGone([pid]);
  }
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  test('runs on embedded Postgres, stops cleanly on SIGTERM, and keeps data across restarts', async () => {
    const first = await launch();
    expect(first.output()).toContain(gatewayUrl);
    const pid = postgresPid();
    expect(pid).not.toBeNull();
    const admin = await signToken(secret, { sub: 'launcher-test', role: 'admin' });
    const created = await postGraphQL(gatewayUrl, 'mutation { createCluster(id: "cum-42", name: "Cụm 42") { id } }', {
      token: admin,
    });
    expect(created.errors).toBeUndefined();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(alive(pid!)).toBe(false);
    expect(postgresPid()).toBeNull();

    const second = await launch();
    const after = await postGraphQL(
      gatewayUrl,
      `{ cluster(id: "cum-42") { name }
      c3: cluster(id: "cum-3") { season(year: 2019) { revisions { revision } } } }`,
    );
    expect(after.data).toEqual({
      cluster: { name: 'Cụm 42' },
      c3: { season: { revisions: [{ revision: 1 }] } },
    });
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(postgresPid()).toBeNull();
  });

  test('after a SIGKILL leaves Postgres orphaned, the next start takes over its data', async () => {
    const first = await launch();
    const orphan = postgresPid()!;
    // The pid each service serves from now (a service the supervisor restarted while starting says "again").
    const serving = new Map(
      [
        ...first.output().matchAll(/"msg":"(provinces|awards|metrics|gateway) is serving(?: again)? \(pid (\d+)\)"/g),
      ].map((m) => [m[1], Number(m[2])]),
    );
    expect({ serving: [...serving.keys()].sort(), output: first.output() }).toMatchObject({
      serving: ['awards', 'gateway', 'metrics', 'provinces'],
    });
    const services = [...serving.values()];
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(orphan)).toBe(true);
    // The services lose their supervisor's channel and stop on their own.
    await untilGone(services);
    expect(services.filter(alive)).toEqual([]);

    const second = await launch();
    expect(alive(orphan)).toBe(false);
    const answer = await postGraphQL(gatewayUrl, '{ cluster(id: "cum-42") { name } }');
    expect(answer.data).toEqual({ cluster: { name: 'Cụm 42' } });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postgresPid()).toBeNull();
  });

  test('a port another program holds: the start fails, saying which service and why, and leaves nothing running', async () => {
    // Something that answers every request with 200 holds the metrics subgraph's port.
    const squatter = createServer((_req, res) => res.end('{"status":"ok"}'));
    const port = Number(env.METRICS_PORT);
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const started = spawnNpmStart(env);
      runs.push(started);
      const code = await started.exited;
      const output = started.output();
      expect({ code, output }).toMatchObject({ code: 1 });
      expect(output).toContain(`metrics did not start: exited (exit code 1) before it served on port ${port}`);
      expect(output).toContain('EADDRINUSE');
      expect(output).not.toContain('thidua is running');
      // What had started (Postgres, the other subgraphs) was stopped; the gateway never started.
      expect(output).not.toMatch(/"msg":"gateway is serving/);
      expect(postgresPid()).toBeNull();
      for (const name of ['provinces', 'awards']) {
        const pid = output.match(new RegExp(`"msg":"${name} is serving \\(pid (\\d+)\\)"`))?.[1];
        if (pid) expect(alive(Number(pid))).toBe(false);
      }
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
