import { dropDatabase, signToken, silentLogger, type AuthConfig } from '@thidua/kit';
import {
  eventually,
  freePort,
  postGraphQL,
  testAuth,
  testDatabaseUrl,
  testToken,
  uniquePrefix,
} from '@thidua/kit/testing';
import { shipperOf } from '@thidua/kit/exchange';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';
import { errorCodes, type VariablesOf } from '../test/harness.js';
import * as d from '../test/node-outbox-documents.js';

// What a node's operator sees and does: whether the cluster answers and how far
// behind the node is (/health, /metrics, nodeOutbox), and the records the
// cluster refused (dead letters), which never hold up the stream.
const nodeAuth: AuthConfig = {
  authSecret: 'node-outbox-secret-0123456789',
  requireAuth: false,
  usingDevelopmentSecret: false,
};
const names = [...(Object.keys(subgraphs) as SubgraphName[]), 'gateway'];

let clusterPrefix: string;
let nodePrefix: string;
let clusterPort: number;
let cluster: Stack | undefined;
let node: Stack;
let nodeAdmin: string;
let nodeOfficer: string;
let nodeBase: string;

const clusterUrl = () => `http://127.0.0.1:${clusterPort}/graphql`;

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

beforeAll(async () => {
  clusterPrefix = uniquePrefix();
  nodePrefix = uniquePrefix();
  clusterPort = await freePort();
  cluster = await startCluster();
  const registered = await postGraphQL(clusterUrl(), d.registerNode, { token: await testToken('ministry') });
  expect(registered.errors).toBeUndefined();
  node = await startStack({
    databaseUrl: testDatabaseUrl(),
    databasePrefix: nodePrefix,
    auth: nodeAuth,
    logger: silentLogger,
    host: '127.0.0.1',
    node: {
      province: 'quang-ninh',
      upstreamUrl: clusterUrl(),
      token: registered.data!.registerNode.credential,
      // Tests drive the exchange with flush(); the background loop stays out of the way.
      intervalMs: 3_600_000,
    },
  });
  nodeBase = node.gateway.url.replace(/\/graphql$/, '');
  nodeAdmin = await signToken(nodeAuth.authSecret, { sub: 'node-admin', role: 'admin' });
  nodeOfficer = await signToken(nodeAuth.authSecret, { sub: 'qn-officer', role: 'province', province: 'quang-ninh' });
  // Each shipper makes one round as the node starts; after that only the tests' flushes send.
  for (const name of ['metrics', 'awards']) {
    await eventually(`the ${name} shipper's first round`, async () => Boolean((await exchangeOf(name)).lastAttemptAt), {
      limitMs: 30_000,
      everyMs: 50,
    });
  }
});

afterAll(async () => {
  await node?.stop();
  await cluster?.stop();
  await Promise.all(
    names.flatMap((name) => [
      dropDatabase(testDatabaseUrl(), `${clusterPrefix}_${name}`),
      dropDatabase(testDatabaseUrl(), `${nodePrefix}_${name}`),
    ]),
  );
});

const flush = (name: 'metrics' | 'awards') => shipperOf(node.subgraphs[name])!.flush();

/** The time by the clock of the node's metrics database, the one that stamps its outbox and exchanges. */
async function nodeClock(): Promise<number> {
  const [row] = await node.subgraphs.metrics.dataSource.query('SELECT now() AS now');
  return (row.now as Date).getTime();
}

async function exchangeOf(name: string): Promise<Record<string, any>> {
  const body = (await (await fetch(`${nodeBase}/health`)).json()) as {
    subgraphs: { name: string; exchange?: object }[];
  };
  return body.subgraphs.find((s) => s.name === name)!.exchange as Record<string, any>;
}

async function gauge(metric: string, subgraph: string): Promise<number> {
  const text = await (await fetch(`${nodeBase}/metrics`)).text();
  const line = new RegExp(`^${metric}\\{subgraph="${subgraph}"\\} (\\S+)$`, 'm').exec(text);
  if (!line) throw new Error(`${metric}{subgraph="${subgraph}"} is not in /metrics`);
  return Number(line[1]);
}

async function outbox(subgraph: 'metrics' | 'awards', token = nodeAdmin) {
  const response = await postGraphQL(node.gateway.url, d.nodeOutbox, {
    token,
    variables: { awards: subgraph === 'awards' },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.nodeOutbox![subgraph]!;
}

type CommendationInput = VariablesOf<typeof d.recordCommendation>['input'];

async function recordCommendation(
  token: string,
  input: Omit<CommendationInput, 'provinceId' | 'recipientKind'> & Partial<CommendationInput>,
): Promise<string> {
  const response = await postGraphQL(node.gateway.url, d.recordCommendation, {
    token,
    variables: { input: { provinceId: 'quang-ninh', recipientKind: 'DEPARTMENT', ...input } },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.recordCommendation.id;
}

async function onCluster(year: number) {
  const response = await postGraphQL(clusterUrl(), d.commendationsOnCluster, { variables: { year } });
  expect(response.errors).toBeUndefined();
  return response.data!.province!.commendations!;
}

describe("the node's health says whether it reaches the cluster and how far behind it is", () => {
  test('reachable and up to date, then unreachable with what waits, then caught up', async () => {
    const beforeFlush = await nodeClock();
    await flush('metrics');
    expect(await exchangeOf('metrics')).toMatchObject({
      cluster: 'reachable',
      pending: 0,
      behindSeconds: 0,
      lastError: null,
    });
    const caughtUpAt = (await exchangeOf('metrics')).lastSuccessAt;
    expect(Date.parse(caughtUpAt)).toBeGreaterThanOrEqual(beforeFlush);

    await cluster!.stop();
    cluster = undefined;
    const stored = await postGraphQL(node.gateway.url, d.recordTwoFigures, { token: nodeOfficer });
    expect(stored.errors).toBeUndefined();
    await expect(flush('metrics')).rejects.toThrow(/did not answer/);

    const down = await exchangeOf('metrics');
    expect(down).toMatchObject({ cluster: 'unreachable', pending: 2, lastSuccessAt: caughtUpAt, deadLetters: 0 });
    expect(down.lastError).toMatch(/did not answer/);
    expect(Date.parse(down.oldestPendingAt)).toBeLessThanOrEqual(await nodeClock());
    expect(await gauge('thidua_exchange_pending_records', 'metrics')).toBe(2);
    expect(await gauge('thidua_exchange_cluster_up', 'metrics')).toBe(0);
    expect(await gauge('thidua_exchange_last_success_timestamp_seconds', 'metrics')).toBe(
      Date.parse(caughtUpAt) / 1000,
    );
    expect(await outbox('metrics', nodeOfficer)).toMatchObject({ cluster: 'unreachable', pending: 2 });
    // The node still serves: it is the exchange that is behind, not the node that is down.
    expect((await fetch(`${nodeBase}/health`)).status).toBe(200);

    cluster = await startCluster();
    await flush('metrics');
    expect(await exchangeOf('metrics')).toMatchObject({ cluster: 'reachable', pending: 0, lastError: null });
    expect(await gauge('thidua_exchange_pending_records', 'metrics')).toBe(0);
    expect(await gauge('thidua_exchange_cluster_up', 'metrics')).toBe(1);
  });

  test("the cluster's own gateway has no exchange gauges, and no nodeOutbox", async () => {
    const text = await (await fetch(clusterUrl().replace(/graphql$/, 'metrics'))).text();
    expect(text).not.toMatch(/^thidua_exchange_pending_records\{/m);
    const response = await postGraphQL(clusterUrl(), d.clusterNodeOutbox, { token: await testToken('admin') });
    expect(response).toEqual({ data: { nodeOutbox: null } });
  });
});

describe('records the cluster refuses become dead letters the operator resolves', () => {
  test('a refused record does not hold up the stream; correcting it on the node leaves one record on the cluster', async () => {
    // A node admin records a Ministry-level form; the cluster applies node records with a
    // province officer's rights, so it refuses it. The record after it still arrives.
    const wrong = await recordCommendation(nodeAdmin, {
      form: 'MINISTRY_EMULATION_FLAG',
      year: 2015,
      recipientName: 'Sở Thông tin và Truyền thông Quảng Ninh',
      decision: 'Quyết định số 15/QĐ-BTTTT',
    });
    const after = await recordCommendation(nodeOfficer, {
      form: 'PROVINCE_CERTIFICATE',
      year: 2015,
      recipientName: 'Phòng Bưu chính, Viễn thông',
    });
    await flush('awards');
    const refused = await outbox('awards');
    expect(refused).toMatchObject({ pending: 0, rejected: 1 });
    expect(refused.deadLetters).toEqual([
      expect.objectContaining({
        kind: 'commendation',
        payload: expect.objectContaining({ id: wrong }),
        resolution: null,
      }),
    ]);
    expect(refused.deadLetters[0].reason).toMatch(/MINISTRY_EMULATION_FLAG/);
    expect(await gauge('thidua_exchange_dead_letters', 'awards')).toBe(1);
    const arrived = (await onCluster(2015)).map((c) => c.id);
    expect(arrived).toContain(after);
    expect(arrived).not.toContain(wrong);

    // The operator corrects the record on the node; the correction carries its id.
    const corrected = await postGraphQL(node.gateway.url, d.correctToProvinceFlag, {
      token: nodeAdmin,
      variables: { id: wrong },
    });
    expect(corrected.errors).toBeUndefined();
    await flush('awards');
    // Retrying the refused copy as well (a mistake) cannot add a record either.
    const retried = await postGraphQL(node.gateway.url, d.retryAwardsWithNote, {
      token: nodeAdmin,
      variables: { seq: refused.deadLetters[0].seq },
    });
    expect(retried.data!.retryAwardsRecord).toEqual({ resolution: 'retried', retriedAs: expect.any(Number) });
    await flush('awards');

    const stored = (await onCluster(2015)).filter((c) => c.recipientName === 'Sở Thông tin và Truyền thông Quảng Ninh');
    expect(stored).toEqual([
      {
        id: wrong,
        form: 'PROVINCE_EMULATION_FLAG',
        decision: 'Quyết định số 15/QĐ-UBND',
        recipientName: 'Sở Thông tin và Truyền thông Quảng Ninh',
      },
    ]);

    const again = await outbox('awards');
    expect(again.deadLetters).toHaveLength(1); // the retried copy, refused for the same reason
    const discarded = await postGraphQL(node.gateway.url, d.discardAwardsFixed, {
      token: nodeAdmin,
      variables: { seq: again.deadLetters[0].seq },
    });
    expect(discarded.data!.discardAwardsRecord).toEqual({
      resolution: 'discarded',
      resolutionNote: 'đã sửa thành cờ thi đua cấp tỉnh',
    });
    const closed = await outbox('awards');
    expect(closed.deadLetters).toEqual([]);
    expect(closed.resolvedDeadLetters.map((l) => l.resolution)).toEqual(['discarded', 'retried']);
    expect(await gauge('thidua_exchange_dead_letters', 'awards')).toBe(0);
    expect((await onCluster(2015)).filter((c) => c.id === wrong)).toHaveLength(1);
  });

  test('retry after the cause is put right on the cluster stores the record once', async () => {
    // The Ministry typed the department's 2014 flag in on the cluster as well; the node's own copy is a duplicate.
    const input: CommendationInput = {
      provinceId: 'quang-ninh',
      form: 'PROVINCE_EMULATION_FLAG',
      year: 2014,
      recipientKind: 'DEPARTMENT',
      recipientName: 'Sở Thông tin và Truyền thông Quảng Ninh',
      decision: 'Quyết định số 14/QĐ-UBND',
    };
    const typedIn = await postGraphQL(clusterUrl(), d.recordCommendation, {
      token: await testToken('ministry'),
      variables: { input },
    });
    expect(typedIn.errors).toBeUndefined();
    const own = await recordCommendation(nodeOfficer, input);
    await flush('awards');
    const letter = (await outbox('awards')).deadLetters[0];
    expect(letter.reason).toMatch(/already has/);

    // The Ministry puts its copy right (it was for the 2013 decision), then the node's operator retries.
    const fixed = await postGraphQL(clusterUrl(), d.correctTo2013, {
      token: await testToken('ministry'),
      variables: { id: typedIn.data!.recordCommendation.id },
    });
    expect(fixed.errors).toBeUndefined();
    const byOfficer = await postGraphQL(node.gateway.url, d.retryAwardsSeq, {
      token: nodeOfficer,
      variables: { seq: letter.seq },
    });
    expect(errorCodes(byOfficer)).toEqual(['FORBIDDEN']);
    const retried = await postGraphQL(node.gateway.url, d.retryAwards, {
      token: nodeAdmin,
      variables: { seq: letter.seq },
    });
    expect(retried.data).toEqual({ retryAwardsRecord: { resolution: 'retried' } });
    const twice = await postGraphQL(node.gateway.url, d.retryAwards, {
      token: nodeAdmin,
      variables: { seq: letter.seq },
    });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
    await flush('awards');
    await flush('awards');

    const stored = (await onCluster(2014)).filter((c) => c.decision === input.decision);
    expect(stored.map((c) => c.id)).toEqual([own]);
    expect((await outbox('awards')).deadLetters).toEqual([]);
  });

  test('only the node sees and acts on its dead letters', async () => {
    const anonymous = await postGraphQL(node.gateway.url, d.awardsPending);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const onTheCluster = await postGraphQL(clusterUrl(), d.discardOnCluster, { token: await testToken('admin') });
    expect(errorCodes(onTheCluster)).toEqual(['FORBIDDEN']);
    expect(onTheCluster.errors![0].message).toMatch(/provincial nodes/);
  });
});

// The shipper changes the outbox between requests, with no write through the gateway: so nodeOutbox is never cached.
describe("the node's gateway never serves its outbox from its response cache", () => {
  const refused = (kind: string) =>
    `WITH next AS (UPDATE exchange_sequence SET last_seq = last_seq + 1 RETURNING last_seq)
     INSERT INTO exchange_outbox (seq, kind, province_id, payload, rejected_at, reject_reason)
     SELECT last_seq, '${kind}', 'quang-ninh', '{"note": "thử"}', now(), 'refused for the test' FROM next RETURNING seq`;

  test.each(['metrics', 'awards'] as const)(
    'a %s dead letter retried and discarded is seen at once',
    async (subgraph) => {
      const db = node.subgraphs[subgraph].dataSource;
      const [[first], [second]] = [await db.query(refused('test')), await db.query(refused('test'))];
      const hits = await cacheHits();
      const seen = await outbox(subgraph);
      expect(seen.deadLetters.map((l) => l.seq)).toEqual(
        expect.arrayContaining([Number(first.seq), Number(second.seq)]),
      );
      expect(await outbox(subgraph)).toEqual(seen);
      expect(await cacheHits()).toBe(hits);

      const retryOptions = { token: nodeAdmin, variables: { seq: Number(first.seq) } };
      const retried =
        subgraph === 'metrics'
          ? await postGraphQL(node.gateway.url, d.retryMetrics, retryOptions)
          : await postGraphQL(node.gateway.url, d.retryAwards, retryOptions);
      expect(retried.errors).toBeUndefined();
      const afterRetry = await outbox(subgraph);
      expect(afterRetry.resolvedDeadLetters[0]).toMatchObject({ seq: Number(first.seq), resolution: 'retried' });
      expect(afterRetry.pending).toBe(seen.pending + 1);

      const discardOptions = { token: nodeAdmin, variables: { seq: Number(second.seq) } };
      const discarded =
        subgraph === 'metrics'
          ? await postGraphQL(node.gateway.url, d.discardMetricsTrial, discardOptions)
          : await postGraphQL(node.gateway.url, d.discardAwardsTrial, discardOptions);
      expect(discarded.errors).toBeUndefined();
      const afterDiscard = await outbox(subgraph);
      expect(afterDiscard.deadLetters.map((l) => l.seq)).not.toContain(Number(second.seq));
      expect(afterDiscard.resolvedDeadLetters[0]).toMatchObject({ seq: Number(second.seq), resolution: 'discarded' });
      expect(await cacheHits()).toBe(hits);
    },
  );
});

async function cacheHits(): Promise<number> {
  const text = await (await fetch(`${nodeBase}/metrics`)).text();
  const line = /^thidua_gateway_response_cache_total\{outcome="hit"\} (\S+)$/m.exec(text);
  return line ? Number(line[1]) : 0;
}
