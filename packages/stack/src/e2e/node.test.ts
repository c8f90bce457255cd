import { dropDatabase, signToken, silentLogger, type AuthConfig } from '@thidua/kit';
import { freePort, postGraphQL, testAuth, testDatabaseUrl, testToken, uniquePrefix } from '@thidua/kit/testing';
import { shipperOf } from '@thidua/kit/exchange';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';
import { errorCodes } from '../test/harness.js';
import {
  awardsExchangeStatus,
  bacNinhObservations,
  clusterOnlyMutations,
  clusterRanking,
  commendationsOnCluster,
  correctCommendation,
  cursorQuery,
  historyQuery,
  noNodeStatus,
  nodeMetricsStatus,
  pointsStandings,
  receiveMetricsRecords,
  recordCommendation,
  recordMinistryFlag,
  recordObservations,
  registerNode,
  rejectedOnCluster,
  type NodeBatch,
} from '../test/node-documents.js';

// The cluster and the node each have their own databases and their own secret:
// the node's users sign in locally; the node sends to the cluster with the
// credential the cluster's admin got by registering it.
const nodeAuth: AuthConfig = {
  authSecret: 'node-local-secret-0123456789',
  requireAuth: false,
  usingDevelopmentSecret: false,
};
const names = [...(Object.keys(subgraphs) as SubgraphName[]), 'gateway'];
const indicator = 'nrd.criterion8_communes_pct';

let clusterPrefix: string;
let nodePrefix: string;
let clusterPort: number;
let cluster: Stack | undefined;
let node: Stack;
let nodeOfficer: string;
let credential: string;
/** The cluster database's clock just before the first exchange. */
let beforeFirstExchange: Date;

function startCluster(): Promise<Stack> {
  return startStack({
    databaseUrl: testDatabaseUrl(),
    databasePrefix: clusterPrefix,
    auth: testAuth,
    logger: silentLogger,
    host: '127.0.0.1',
    ports: { gateway: clusterPort },
  });
}

const clusterUrl = () => `http://127.0.0.1:${clusterPort}/graphql`;

/** The time by the cluster database's clock, the one that stamps exchanges. */
async function clusterClock(): Promise<Date> {
  const [row] = await cluster!.subgraphs.metrics.dataSource.query('SELECT now() AS now');
  return row.now;
}

async function record(
  rows: { provinceId?: string; year: number; value: number; numerator?: number; denominator?: number }[],
) {
  return postGraphQL(node.gateway.url, recordObservations, {
    token: nodeOfficer,
    variables: { input: rows.map((row) => ({ provinceId: 'quang-ninh', indicator, source: 'node test', ...row })) },
  });
}

async function clusterHistory(year: number) {
  const response = await postGraphQL(clusterUrl(), historyQuery, { variables: { year } });
  expect(response.errors).toBeUndefined();
  return response.data!.observations;
}

beforeAll(async () => {
  clusterPrefix = uniquePrefix();
  nodePrefix = uniquePrefix();
  clusterPort = await freePort();
  cluster = await startCluster();
  const registered = await postGraphQL(clusterUrl(), registerNode, { token: await testToken('admin') });
  expect(registered.errors).toBeUndefined();
  credential = registered.data!.registerNode.credential;
  node = await startStack({
    databaseUrl: testDatabaseUrl(),
    databasePrefix: nodePrefix,
    auth: nodeAuth,
    logger: silentLogger,
    host: '127.0.0.1',
    node: {
      province: 'quang-ninh',
      upstreamUrl: clusterUrl(),
      token: credential,
      // Tests drive the exchange with flush(); the background loop stays out of the way.
      intervalMs: 3_600_000,
    },
  });
  nodeOfficer = await signToken(nodeAuth.authSecret, { sub: 'qn-officer', role: 'province', province: 'quang-ninh' });
});

afterAll(async () => {
  await node.stop();
  await cluster?.stop();
  await Promise.all(
    names.flatMap((name) => [
      dropDatabase(testDatabaseUrl(), `${clusterPrefix}_${name}`),
      dropDatabase(testDatabaseUrl(), `${nodePrefix}_${name}`),
    ]),
  );
});

describe('a provincial node for quang-ninh', () => {
  test('accepts writes for its own province only, whatever the token', async () => {
    const admin = await signToken(nodeAuth.authSecret, { sub: 'node-admin', role: 'admin' });
    const other = await postGraphQL(node.gateway.url, recordObservations, {
      token: admin,
      variables: { input: [{ provinceId: 'bac-ninh', indicator, year: 2019, value: 90 }] },
    });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors![0].message).toContain('quang-ninh');
  });

  test('refuses what the cluster keeps: catalogues, cluster structure and the review', async () => {
    const admin = await signToken(nodeAuth.authSecret, { sub: 'node-admin', role: 'admin' });
    for (const [mutation, document] of Object.entries(clusterOnlyMutations)) {
      const response = await postGraphQL(node.gateway.url, document, { token: admin });
      expect({ mutation, codes: errorCodes(response) }).toEqual({ mutation, codes: ['FORBIDDEN'] });
      expect(response.errors![0].message).toContain('done on the cluster');
    }
  });

  test('what it records reaches the cluster rankings through the cluster gateway', async () => {
    const stored = await record([{ year: 2019, value: 95.5, numerator: 191, denominator: 200 }]);
    expect(stored.errors).toBeUndefined();
    beforeFirstExchange = await clusterClock();
    await shipperOf(node.subgraphs.metrics)!.flush();

    const ranking = await postGraphQL(clusterUrl(), clusterRanking);
    expect(ranking.errors).toBeUndefined();
    const rows = ranking.data!.cluster!.season!.indicatorRanking!;
    // Behind Hà Nam and Vĩnh Phúc (100, published figures, loaded without the demo too).
    expect(rows.find((r) => r.province.id === 'quang-ninh')).toEqual({
      province: { id: 'quang-ninh' },
      value: 95.5,
      rank: 3,
    });
    const history = await clusterHistory(2019);
    expect(history).toEqual([
      { value: 95.5, revision: 1, history: [{ value: 95.5, revision: 1, recordedBy: 'node:quang-ninh/qn-officer' }] },
    ]);
  });

  test('the cluster shows the node: last exchange, nothing pending, nothing rejected', async () => {
    const response = await postGraphQL(clusterUrl(), nodeMetricsStatus);
    expect(response.errors).toBeUndefined();
    const status = response.data!.province!.node!.metrics!;
    expect(status).toMatchObject({ pending: 0, accepted: 1, rejected: 0 });
    // The exchange happened after the clock was read before it, by the cluster database's own clock.
    const lastExchangeAt = new Date(status.lastExchangeAt);
    expect(lastExchangeAt.getTime()).toBeGreaterThanOrEqual(beforeFirstExchange.getTime());
    expect(lastExchangeAt.getTime()).toBeLessThanOrEqual((await clusterClock()).getTime());
    const none = await postGraphQL(clusterUrl(), noNodeStatus);
    expect(none.data!.province!.node!.metrics).toBeNull();
  });

  test('with the cluster stopped the node keeps accepting writes; after a restart everything arrives exactly once', async () => {
    await cluster!.stop();
    cluster = undefined;
    expect((await record([{ year: 2020, value: 96 }])).errors).toBeUndefined();
    expect((await record([{ year: 2020, value: 97 }])).errors).toBeUndefined(); // a correction
    expect((await record([{ year: 2020, value: 97 }])).errors).toBeUndefined(); // an identical retry: no revision
    await expect(shipperOf(node.subgraphs.metrics)!.flush()).rejects.toThrow(/cluster/);
    expect((await shipperOf(node.subgraphs.metrics)!.status()).pending).toBe(2);

    cluster = await startCluster();
    await shipperOf(node.subgraphs.metrics)!.flush();
    await shipperOf(node.subgraphs.metrics)!.flush(); // a second round sends nothing new
    expect(await clusterHistory(2020)).toEqual([
      {
        value: 97,
        revision: 2,
        history: [
          { value: 96, revision: 1, recordedBy: 'node:quang-ninh/qn-officer' },
          { value: 97, revision: 2, recordedBy: 'node:quang-ninh/qn-officer' },
        ],
      },
    ]);
    expect((await shipperOf(node.subgraphs.metrics)!.status()).pending).toBe(0);
  });

  test("the cluster rejects a quang-ninh node's records for bac-ninh, logs them, and stores nothing of them", async () => {
    const batch: NodeBatch = {
      nodeId: '00000000-0000-4000-8000-00000000b001',
      headSeq: 2,
      records: [
        {
          seq: 1,
          recordId: '00000000-0000-4000-8000-0000000000a1',
          kind: 'observation',
          provinceId: 'bac-ninh',
          payload: { indicator, year: 2019, value: 88, recordedBy: 'intruder' },
          recordedAt: new Date().toISOString(),
        },
        {
          seq: 2,
          recordId: '00000000-0000-4000-8000-0000000000a2',
          kind: 'observation',
          provinceId: 'quang-ninh',
          payload: { indicator, year: 2018, value: 150, recordedBy: 'typo' },
          recordedAt: new Date().toISOString(),
        },
      ],
    };
    const response = await postGraphQL(clusterUrl(), receiveMetricsRecords, {
      token: credential,
      variables: { batch },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.receiveMetricsRecords.lastSeq).toBe(2);
    const rejected = response.data!.receiveMetricsRecords.rejected;
    expect(rejected.map((r) => r.seq)).toEqual([1, 2]);
    expect(rejected[0].reason).toContain('bac-ninh');
    expect(rejected[1].reason).toContain('150');

    const bacNinh = await postGraphQL(clusterUrl(), bacNinhObservations);
    expect(bacNinh.data!.observations).toEqual([]);
    expect(await clusterHistory(2018)).toEqual([]);
    const logged = await cluster!.subgraphs.metrics.dataSource.query(
      'SELECT province_id, seq FROM exchange_rejection WHERE node_id = $1 ORDER BY seq',
      [batch.nodeId],
    );
    expect(logged).toEqual([
      { province_id: 'quang-ninh', seq: '1' },
      { province_id: 'quang-ninh', seq: '2' },
    ]);
  });

  test('commendations recorded and corrected on the node reach the cluster with their history and count in standings', async () => {
    const recorded = await postGraphQL(node.gateway.url, recordCommendation, {
      token: nodeOfficer,
      variables: {
        input: {
          provinceId: 'quang-ninh',
          form: 'PROVINCE_EMULATION_FLAG',
          year: 2019,
          recipientKind: 'DEPARTMENT',
          recipientName: 'Sở Thông tin và Truyền thông Quảng Ninh',
          decision: 'Quyết định số 100/QĐ-UBND',
        },
      },
    });
    expect(recorded.errors).toBeUndefined();
    const { id } = recorded.data!.recordCommendation;
    const corrected = await postGraphQL(node.gateway.url, correctCommendation, {
      token: nodeOfficer,
      variables: { id },
    });
    expect(corrected.data).toEqual({ correctCommendation: { revision: 2 } });
    await shipperOf(node.subgraphs.awards)!.flush();

    const onCluster = await postGraphQL(clusterUrl(), commendationsOnCluster);
    expect(onCluster.errors).toBeUndefined();
    const commendation = onCluster.data!.province!.commendations!.find((c) => c.id === id);
    expect(commendation).toMatchObject({
      form: 'PROVINCE_EMULATION_FLAG',
      decision: 'Quyết định số 101/QĐ-UBND',
      revision: 2,
      history: [
        { revision: 1, decision: 'Quyết định số 100/QĐ-UBND' },
        { revision: 2, decision: 'Quyết định số 101/QĐ-UBND' },
      ],
    });

    const standings = await postGraphQL(clusterUrl(), pointsStandings);
    expect(standings.errors).toBeUndefined();
    expect(standings.data!.cluster!.season!.standings![0]).toEqual({
      rank: 1,
      province: { id: 'quang-ninh' },
      awardScore: 100,
    });
    const status = await postGraphQL(clusterUrl(), awardsExchangeStatus);
    expect(status.data!.province!.node!.awards).toEqual({ accepted: 2, pending: 0, rejected: 0 });
  });

  test('a ministry-level form recorded by a node admin is refused by the cluster and shown as rejected', async () => {
    const admin = await signToken(nodeAuth.authSecret, { sub: 'node-admin', role: 'admin' });
    const recorded = await postGraphQL(node.gateway.url, recordMinistryFlag, { token: admin });
    expect(recorded.errors).toBeUndefined();
    await shipperOf(node.subgraphs.awards)!.flush();
    const status = await shipperOf(node.subgraphs.awards)!.status();
    expect(status).toMatchObject({ pending: 0, rejected: 1 });
    const onCluster = await postGraphQL(clusterUrl(), rejectedOnCluster);
    expect(onCluster.data!.province).toEqual({ commendations: [], node: { awards: { rejected: 1 } } });
  });

  test("an officer token cannot jump the node's cursor, and the node's later records are stored", async () => {
    const seen = await postGraphQL(clusterUrl(), cursorQuery);
    const { nodeId, lastSeq } = seen.data!.province!.node!.metrics!;
    const attack = await postGraphQL(clusterUrl(), receiveMetricsRecords, {
      token: await testToken('province', 'quang-ninh'),
      variables: {
        batch: {
          nodeId,
          headSeq: 2147483647,
          records: [
            {
              seq: 2147483647,
              recordId: '00000000-0000-4000-8000-0000000000c1',
              kind: 'observation',
              provinceId: 'quang-ninh',
              payload: { indicator, year: 2017, value: 1 },
              recordedAt: new Date().toISOString(),
            },
          ],
        },
      },
    });
    expect(errorCodes(attack)).toEqual(['FORBIDDEN']);
    const after = await postGraphQL(clusterUrl(), cursorQuery);
    expect(after.data!.province!.node!.metrics!.lastSeq).toBe(lastSeq);

    expect((await record([{ year: 2016, value: 93 }])).errors).toBeUndefined();
    await shipperOf(node.subgraphs.metrics)!.flush();
    expect(await clusterHistory(2016)).toEqual([
      { value: 93, revision: 1, history: [{ value: 93, revision: 1, recordedBy: 'node:quang-ninh/qn-officer' }] },
    ]);
    expect(await clusterHistory(2017)).toEqual([]);
  });

  test('a viewer or ministry token cannot push node records', async () => {
    const batch = { nodeId: '00000000-0000-4000-8000-00000000b002', headSeq: 0, records: [] };
    const ministry = await postGraphQL(clusterUrl(), receiveMetricsRecords, {
      token: await testToken('ministry'),
      variables: { batch },
    });
    expect(errorCodes(ministry)).toEqual(['FORBIDDEN']);
    const anonymous = await postGraphQL(clusterUrl(), receiveMetricsRecords, { variables: { batch } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });
});
