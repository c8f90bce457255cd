import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signToken } from '@thidua/kit';
import { postGraphQL } from '@thidua/kit/testing';
import { serviceNodeOptions } from '../supervisor-children.js';
import { freeStackPorts, spawnNpmStart, untilOutput, type NpmStart, type StackPorts } from '../test/npm-start.js';

// `npm start` as a user runs it: the supervisor and its real child processes on
// free ports, an embedded Postgres in a temporary DATA_DIR. Each child is killed
// with SIGKILL in turn.
const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const secret = 'supervisor-test-secret-0123456789';
const services = ['provinces', 'awards', 'metrics', 'gateway'] as const;
const victims = [...services, 'postgres'] as const;
type Service = (typeof services)[number];
type Victim = (typeof victims)[number];
const indicator = 'nrd.criterion8_communes_pct';

let dataDir: string;
let supervisor: NpmStart;
let ports: StackPorts;
let admin: string;

const healthUrl = (name: Service) => `http://127.0.0.1:${ports[name]}/health`;
const gatewayUrl = () => `http://127.0.0.1:${ports.gateway}/graphql`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The supervisor's own log lines (the children log under their own names). */
function supervisorLog(): { child?: string; pid?: number; msg: string }[] {
  return supervisor
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"name":"thidua"'))
    .map((line) => JSON.parse(line) as { child?: string; pid?: number; msg: string });
}

function servingPid(name: Service): number {
  const line = supervisorLog()
    .filter((entry) => entry.child === name && / is serving/.test(entry.msg))
    .at(-1);
  if (!line?.pid) throw new Error(`no pid logged for ${name}:\n${supervisor.output()}`);
  return line.pid;
}

function postmasterPid(): number | undefined {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function status(url: string): Promise<number | string> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
  } catch (error) {
    return String((error as Error).cause ?? error);
  }
}

/**
 * Polls the services that were not killed until stopped; returns every time
 * one did not answer (or, where it must, did not answer 200).
 */
function watchOthers(victim: Victim): () => Promise<string[]> {
  const watched = services
    .filter((name) => name !== victim)
    // With Postgres down, a subgraph's /health says 503; with a subgraph down, so does the gateway's. Both still answer.
    .map((name) => ({ name, mustBeOk: victim !== 'postgres' && name !== 'gateway' }));
  const failures: string[] = [];
  let watching = true;
  const loop = (async () => {
    while (watching) {
      await Promise.all(
        watched.map(async ({ name, mustBeOk }) => {
          const answer = await status(healthUrl(name));
          if (typeof answer === 'string' || (mustBeOk && answer !== 200)) failures.push(`${name}: ${answer}`);
        }),
      );
      await sleep(100);
    }
  })();
  return async () => {
    watching = false;
    await loop;
    return failures;
  };
}

/** Waits, at most 15 s from the kill, until the victim serves again from a new process. */
async function servingAgain(victim: Victim, killedPid: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    let serving: boolean;
    if (victim === 'postgres') {
      const pid = postmasterPid();
      const subgraphs = await Promise.all(services.slice(0, 3).map((name) => status(healthUrl(name))));
      serving = pid !== undefined && pid !== killedPid && subgraphs.every((answer) => answer === 200);
    } else {
      serving = servingPid(victim) !== killedPid && (await status(healthUrl(victim))) === 200;
    }
    if (serving) return;
    if (Date.now() > deadline)
      throw new Error(`${victim} did not serve again within 15 s:\n${supervisor.output().slice(-4000)}`);
    await sleep(100);
  }
}

/** One write to each subgraph through the gateway; each must be acknowledged. */
async function write(round: number): Promise<void> {
  const answers = await Promise.all([
    postGraphQL(gatewayUrl(), `mutation { createCluster(id: "cum-k${round}", name: "Cụm kiểm thử ${round}") { id } }`, {
      token: admin,
    }),
    postGraphQL(gatewayUrl(), `mutation ($input: CommendationInput!) { recordCommendation(input: $input) { id } }`, {
      token: admin,
      variables: {
        input: {
          provinceId: 'ninh-binh',
          form: 'MINISTRY_CERTIFICATE',
          year: 2019,
          recipientKind: 'INDIVIDUAL',
          recipientName: `Nguyễn Văn Kiểm ${round}`,
          decision: `Quyết định số ${round}/QĐ-BTTTT`,
        },
      },
    }),
    postGraphQL(
      gatewayUrl(),
      `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { revision } }`,
      {
        token: admin,
        variables: {
          input: [{ provinceId: 'ninh-binh', indicator, year: 2016 + round, value: 10 + round, source: 'kiểm thử' }],
        },
      },
    ),
  ]);
  for (const answer of answers) expect(answer.errors).toBeUndefined();
}

/** Every write of rounds 0..last, read back through the gateway. */
async function readBack(last: number): Promise<void> {
  for (let round = 0; round <= last; round++) {
    const answer = await postGraphQL<{
      cluster: { name: string } | null;
      province: { commendations: { recipientName: string }[]; observations: { value: number }[] };
    }>(
      gatewayUrl(),
      `query ($id: ID!, $year: Int!) { cluster(id: $id) { name }
        province(id: "ninh-binh") { commendations(fromYear: 2019, toYear: 2019) { recipientName }
          observations(indicator: "${indicator}", year: $year) { value } } }`,
      { variables: { id: `cum-k${round}`, year: 2016 + round } },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.cluster).toEqual({ name: `Cụm kiểm thử ${round}` });
    expect(answer.data!.province.commendations.map((c) => c.recipientName)).toContain(`Nguyễn Văn Kiểm ${round}`);
    expect(answer.data!.province.observations).toEqual([{ value: 10 + round }]);
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-supervisor-'));
  chmodSync(dataDir, 0o755);
  const free = await freeStackPorts();
  ports = free.ports;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    AUTH_SECRET: secret,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SEED_DEMO: '0',
    ...free.env,
  };
  delete env.DATABASE_URL;
  supervisor = spawnNpmStart(env);
  await untilOutput(supervisor, 'thidua is running', 90_000);
  admin = await signToken(secret, { sub: 'supervisor-test', role: 'admin' });
}, 120_000);

afterAll(async () => {
  if (supervisor.child.exitCode === null) {
    supervisor.child.kill('SIGTERM');
    await supervisor.exited;
  }
  const pid = postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start supervises each service as its own process', () => {
  test.each(services)('%s runs as `node <the V8 options of every service> services/…/dist/index.js`', (name) => {
    const argv = readFileSync(`/proc/${servingPid(name)}/cmdline`, 'utf8')
      .split('\0')
      .filter(Boolean);
    expect(argv.slice(1)).toEqual([
      ...serviceNodeOptions,
      path.join(projectRoot, 'services', name, 'dist', 'index.js'),
    ]);
  });

  test.each(victims.map((victim, round) => [victim, round] as const))(
    'kill -9 of %s: it serves again within 15 s, the others keep answering, no acknowledged write is lost',
    async (victim, round) => {
      await write(round);
      const pid = victim === 'postgres' ? postmasterPid()! : servingPid(victim);
      const others = watchOthers(victim);
      process.kill(pid, 'SIGKILL');
      await servingAgain(victim, pid);
      expect(await others()).toEqual([]);
      expect(supervisorLog().map((entry) => entry.msg)).toContain(
        `${victim} exited unexpectedly (signal SIGKILL); restarting it in 0.5 s`,
      );
      await readBack(round);
    },
    60_000,
  );

  test('SIGTERM stops the gateway, then the subgraphs, then Postgres, and leaves no process behind', async () => {
    const pids = services.map(servingPid);
    const postmaster = postmasterPid()!;
    supervisor.child.kill('SIGTERM');
    expect(await supervisor.exited).toBe(0);
    expect([...pids, postmaster].filter(alive)).toEqual([]);
    expect(postmasterPid()).toBeUndefined();
    const stopped = supervisorLog()
      .filter((entry) => entry.child && entry.msg === `${entry.child} stopped`)
      .map((entry) => entry.child);
    expect(stopped[0]).toBe('gateway');
    expect(stopped.slice(1, 4).sort()).toEqual(['awards', 'metrics', 'provinces']);
    expect(stopped.slice(4)).toEqual(['postgres']);
  }, 60_000);
});
