import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { dropDatabase, signToken, silentLogger } from '@thidua/kit';
import { freePort, postGraphQL, testAuth, testDatabaseUrl, testToken, uniquePrefix } from '@thidua/kit/testing';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';
import { errorCodes } from '../test/harness.js';

// `npm run node` as a department runs it: the supervisor and its child processes,
// with the node's settings passed to each subgraph by environment. The cluster
// it sends to runs in this process.
const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const nodeSecret = 'node-supervisor-secret-0123456789';
const indicator = 'nrd.criterion8_communes_pct';
const names = Object.keys(subgraphs) as SubgraphName[];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: Stack;
let clusterPrefix: string;
let nodePrefix: string;
let nodeUrl: string;
let supervisor: ChildProcess;
let output = '';
let exited: Promise<number | null>;
let officer: string;

function servingPid(name: string): number {
  const line = output
    .split('\n')
    .filter((l) => l.includes(`"msg":"${name} is serving`))
    .at(-1);
  return (JSON.parse(line!) as { pid: number }).pid;
}

function record(year: number, value: number) {
  return postGraphQL(
    nodeUrl,
    `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { revision } }`,
    { token: officer, variables: { input: [{ provinceId: 'quang-ninh', indicator, year, value, source: 'node' }] } },
  );
}

/** Waits until the cluster has `value` for quang-ninh in `year`, as the node's exchange delivers it. */
async function reachesCluster(year: number, value: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await postGraphQL<{ observations: { value: number }[] }>(
      cluster.gateway.url,
      `query ($year: Int!) { observations(provinceId: "quang-ninh", indicator: "${indicator}", year: $year) { value } }`,
      { variables: { year } },
    );
    if (answer.data?.observations.some((o) => o.value === value)) return;
    if (Date.now() > deadline)
      throw new Error(`${value} for ${year} never reached the cluster:\n${output.slice(-3000)}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  clusterPrefix = uniquePrefix();
  nodePrefix = uniquePrefix();
  cluster = await startStack({
    databaseUrl: testDatabaseUrl(),
    databasePrefix: clusterPrefix,
    auth: testAuth,
    logger: silentLogger,
    host: '127.0.0.1',
  });
  const port = await freePort();
  nodeUrl = `http://127.0.0.1:${port}/graphql`;
  // The node sends with a credential the cluster's admin registers for it (docs/provincial-nodes.md).
  const registered = await postGraphQL<{ registerNode: { credential: string } }>(
    cluster.gateway.url,
    `mutation { registerNode(provinceId: "quang-ninh", name: "Máy chủ Sở TT&TT Quảng Ninh") { credential } }`,
    { token: await testToken('admin') },
  );
  expect(registered.errors).toBeUndefined();
  const token = registered.data!.registerNode.credential;
  supervisor = spawn(
    process.execPath,
    [
      path.join(projectRoot, 'packages/stack/dist/node.js'),
      '--province',
      'quang-ninh',
      '--upstream',
      cluster.gateway.url,
      '--token',
      token,
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: testDatabaseUrl(),
        DATABASE_PREFIX: nodePrefix,
        AUTH_SECRET: nodeSecret,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        EXCHANGE_INTERVAL_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  supervisor.stdout!.on('data', (chunk) => (output += chunk));
  supervisor.stderr!.on('data', (chunk) => (output += chunk));
  exited = new Promise((resolve) => supervisor.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!output.includes('thidua node for quang-ninh is running')) {
    if (supervisor.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm run node did not come up:\n${output}`);
    await sleep(100);
  }
  officer = await signToken(nodeSecret, { sub: 'qn-officer', role: 'province', province: 'quang-ninh' });
}, 120_000);

afterAll(async () => {
  if (supervisor.exitCode === null) {
    supervisor.kill('SIGTERM');
    await exited;
  }
  await cluster.stop();
  await Promise.all(
    names.flatMap((name) => [
      dropDatabase(testDatabaseUrl(), `${clusterPrefix}_${name}`),
      dropDatabase(testDatabaseUrl(), `${nodePrefix}_${name}`),
    ]),
  );
});

describe('npm run node supervises its services like npm start', () => {
  test('each subgraph process keeps the node province only', async () => {
    const admin = await signToken(nodeSecret, { sub: 'node-admin', role: 'admin' });
    const other = await postGraphQL(
      nodeUrl,
      `mutation { recordObservations(input: [{ provinceId: "bac-ninh", indicator: "${indicator}", year: 2019, value: 90 }]) { revision } }`,
      { token: admin },
    );
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    const structure = await postGraphQL(nodeUrl, 'mutation { createCluster(id: "cum-51", name: "Cụm 51") { id } }', {
      token: admin,
    });
    expect(errorCodes(structure)).toEqual(['FORBIDDEN']);
  });

  test('what it records reaches the cluster, also after its metrics process was killed and restarted', async () => {
    expect((await record(2019, 91.5)).errors).toBeUndefined();
    await reachesCluster(2019, 91.5);

    const killed = servingPid('metrics');
    process.kill(killed, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    while (!output.includes('"msg":"metrics is serving again')) {
      if (Date.now() > deadline) throw new Error(`metrics did not come back:\n${output.slice(-3000)}`);
      await sleep(100);
    }
    expect(servingPid('metrics')).not.toBe(killed);
    expect((await record(2020, 92.5)).errors).toBeUndefined();
    await reachesCluster(2020, 92.5);
  }, 60_000);

  test('SIGTERM stops it with exit code 0', async () => {
    supervisor.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
