import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { dropDatabase, signToken, silentLogger, withDatabase } from '@thidua/kit';
import {
  eventually,
  freePort,
  postGraphQL,
  testAuth,
  testDatabaseUrl,
  testToken,
  uniquePrefix,
} from '@thidua/kit/testing';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const names = [...(Object.keys(subgraphs) as SubgraphName[]), 'gateway'];
const nodeSecret = 'node-crash-secret-0123456789';
const indicators = [
  'nrd.criterion8_communes_pct',
  'infra.telecom_communes_pct',
  'egov.officials_computer_commune_pct',
  'egov.edocs_provincial_pct',
  'egov.edocs_district_pct',
  'egov.commune_portals_pct',
  'egov.online_procedures_l34_pct',
];
const years = Array.from({ length: 20 }, (_, i) => 2005 + i);

let cluster: Stack;
let clusterPort: number;
let nodePort: number;
let nodePrefix: string;
let clusterPrefix: string;
let nodeDb: pg.Client;
let clusterLock: pg.Client;
let env: NodeJS.ProcessEnv;

/** Runs `npm run node`'s program as a department would. */
function startNode(): { child: ChildProcess; exited: Promise<unknown> } {
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'packages/stack/dist/node.js'), '--province', 'quang-ninh'],
    {
      env,
      stdio: 'ignore',
    },
  );
  return { child, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/** Until what happens in the node or the cluster, a minute at most (the node's restarts take seconds). */
const until = (what: string, check: () => Promise<boolean>, everyMs = 20) =>
  eventually(what, check, { limitMs: 60_000, everyMs });

async function clusterSeq(): Promise<number> {
  const rows = await cluster.subgraphs.metrics.dataSource.query(
    'SELECT coalesce(max(last_seq), 0) AS seq FROM exchange_cursor',
  );
  return Number(rows[0].seq);
}

beforeAll(async () => {
  clusterPrefix = uniquePrefix();
  nodePrefix = uniquePrefix();
  [clusterPort, nodePort] = await Promise.all([freePort(), freePort()]);
  cluster = await startStack({
    databaseUrl: testDatabaseUrl(),
    databasePrefix: clusterPrefix,
    auth: testAuth,
    logger: silentLogger,
    host: '127.0.0.1',
    ports: { gateway: clusterPort },
  });
  const registered = await postGraphQL(
    `http://127.0.0.1:${clusterPort}/graphql`,
    `mutation { registerNode(provinceId: "quang-ninh", name: "Máy chủ Sở TT&TT Quảng Ninh") { credential } }`,
    { token: await testToken('admin') },
  );
  expect(registered.errors).toBeUndefined();
  env = {
    ...process.env,
    DATABASE_URL: testDatabaseUrl(),
    DATABASE_PREFIX: nodePrefix,
    PORT: String(nodePort),
    HOST: '127.0.0.1',
    AUTH_SECRET: nodeSecret,
    LOG_LEVEL: 'fatal',
    UPSTREAM_URL: `http://127.0.0.1:${clusterPort}/graphql`,
    NODE_TOKEN: registered.data!.registerNode.credential,
    EXCHANGE_INTERVAL_MS: '50',
    EXCHANGE_BATCH_SIZE: '5',
  };
});

afterAll(async () => {
  await nodeDb?.end();
  await clusterLock?.end();
  await cluster?.stop();
  await Promise.all(
    names.flatMap((name) => [
      dropDatabase(testDatabaseUrl(), `${clusterPrefix}_${name}`),
      dropDatabase(testDatabaseUrl(), `${nodePrefix}_${name}`),
    ]),
  );
});

/** Whether a statement on the cluster's metrics database is waiting for a lock. */
async function clusterWaitsForLock(): Promise<boolean> {
  const { rows } = await clusterLock.query(
    `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE NOT l.granted AND a.datname = $1`,
    [`${clusterPrefix}_metrics`],
  );
  return rows[0].waiting > 0;
}

test('a node killed with SIGKILL while the cluster applies its batch loses nothing and duplicates nothing', async () => {
  // The cluster holds its received-records table locked, so the node's first batch
  // of records gets as far as the cluster's transaction and waits there: the node is
  // killed while that batch is in flight, every time, however fast the machine is.
  clusterLock = new pg.Client({ connectionString: withDatabase(testDatabaseUrl(), `${clusterPrefix}_metrics`) });
  await clusterLock.connect();
  await clusterLock.query('BEGIN');
  await clusterLock.query('LOCK TABLE exchange_received IN EXCLUSIVE MODE');

  // Its officer records 140 values and then corrects every one: 280 changes go to the outbox.
  let node = startNode();
  const nodeUrl = `http://127.0.0.1:${nodePort}/graphql`;
  await until(
    'the node to answer',
    () =>
      fetch(`http://127.0.0.1:${nodePort}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    200,
  );
  const officer = await signToken(nodeSecret, { sub: 'qn-officer', role: 'province', province: 'quang-ninh' });
  for (const round of [0, 1]) {
    const input = indicators.flatMap((indicator, i) =>
      years.map((year) => ({
        provinceId: 'quang-ninh',
        indicator,
        year,
        value: 50 + i + round,
        source: `round ${round}`,
      })),
    );
    const stored = await postGraphQL(
      nodeUrl,
      'mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { revision } }',
      {
        token: officer,
        variables: { input },
      },
    );
    expect(stored.errors).toBeUndefined();
  }
  const total = indicators.length * years.length * 2;
  nodeDb = new pg.Client({ connectionString: withDatabase(testDatabaseUrl(), `${nodePrefix}_metrics`) });
  await nodeDb.connect();
  const [{ head }] = (await nodeDb.query('SELECT max(seq)::int AS head FROM exchange_outbox')).rows;
  expect(head).toBe(total);

  await until('a batch to wait inside the cluster', clusterWaitsForLock);
  node.child.kill('SIGKILL');
  await node.exited;
  const { rows: marked } = await nodeDb.query(
    'SELECT count(*)::int AS sent FROM exchange_outbox WHERE sent_at IS NOT NULL',
  );
  expect(marked[0].sent).toBe(0);

  // The cluster commits the batch whose answer the node never got.
  await clusterLock.query('COMMIT');
  await until('the orphaned batch to commit', async () => (await clusterSeq()) > 0);
  const reachedBeforeRestart = await clusterSeq();
  expect(reachedBeforeRestart).toBeLessThan(total);

  // Restarted, it sends from its first unmarked record; the cluster acknowledges what it has.
  node = startNode();
  await until('the whole outbox to arrive', async () => (await clusterSeq()) === total);
  await until('the node to mark everything sent', async () => {
    const { rows } = await nodeDb.query('SELECT count(*)::int AS unsent FROM exchange_outbox WHERE sent_at IS NULL');
    return rows[0].unsent === 0;
  });
  node.child.kill('SIGTERM');
  await node.exited;

  const metrics = cluster.subgraphs.metrics.dataSource;
  const [counts] = await metrics.query(
    `SELECT (SELECT count(*)::int FROM exchange_received) AS received,
            (SELECT count(*)::int FROM observation WHERE province_id = 'quang-ninh') AS observations,
            (SELECT count(*)::int FROM observation_revision WHERE province_id = 'quang-ninh') AS revisions,
            (SELECT count(*)::int FROM observation WHERE province_id = 'quang-ninh' AND revision = 2 AND source = 'round 1') AS corrected`,
  );
  expect(counts).toEqual({ received: total, observations: total / 2, revisions: total, corrected: total / 2 });
  const status = await postGraphQL(
    `http://127.0.0.1:${clusterPort}/graphql`,
    '{ province(id: "quang-ninh") { node { metrics { pending accepted rejected } } } }',
  );
  expect(status.data!.province.node.metrics).toEqual({ pending: 0, accepted: total, rejected: 0 });
});
