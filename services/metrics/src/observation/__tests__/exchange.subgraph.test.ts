import { randomUUID } from 'node:crypto';
import {
  captureLogs,
  errorCodes,
  startTestNodeRegistry,
  startTestSubgraph,
  testToken,
  type GraphQLResponse,
  type TestSubgraph,
} from '@thidua/kit/testing';
import { awardsSubgraph } from '@thidua/awards';
import { metricsSubgraph } from '../../subgraph.js';

// Figures of a locked season are refused: the awards subgraph, which keeps the locks, runs beside metrics.
let awards: TestSubgraph;

// The cluster's metrics subgraph receiving provincial nodes' streams, with the
// kit's node registry (what the provinces subgraph mounts) to check credentials.
const indicators = [
  'nrd.criterion8_communes_pct',
  'infra.telecom_communes_pct',
  'egov.officials_computer_commune_pct',
  'egov.edocs_provincial_pct',
  'egov.edocs_district_pct',
  'egov.commune_portals_pct',
  'egov.online_procedures_l34_pct',
];
const receive = `mutation ($batch: NodeBatchInput!) { receiveMetricsRecords(batch: $batch) { lastSeq rejected { seq reason } } }`;

let registry: TestSubgraph;
let metrics: TestSubgraph;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  registry = await startTestNodeRegistry();
  logs = captureLogs();
  awards = await startTestSubgraph(awardsSubgraph);
  metrics = await startTestSubgraph(metricsSubgraph, {
    linkUrls: { provinces: registry.url, awards: awards.url },
    logger: logs.logger,
  });
});
afterAll(async () => {
  await metrics?.close();
  await awards?.close();
  await registry?.close();
});

async function register(provinceId: string, name = `Nút ${provinceId}`): Promise<{ id: string; credential: string }> {
  const response = await registry.query(
    `mutation ($p: ID!, $n: String!) { registerNode(provinceId: $p, name: $n) { registration { id } credential } }`,
    { token: await testToken('admin'), variables: { p: provinceId, n: name } },
  );
  expect(response.errors).toBeUndefined();
  const { registration, credential } = response.data!.registerNode;
  return { id: registration.id, credential };
}

let made = 0;
/** An observation record of `provinceId` at `seq`, each of its own indicator and year. */
function record(seq: number, payload: Record<string, unknown> = {}, provinceId = 'quang-ninh') {
  const n = made++;
  return {
    seq,
    recordId: randomUUID(),
    kind: 'observation',
    provinceId,
    payload: {
      indicator: indicators[n % indicators.length],
      year: 2001 + Math.floor(n / indicators.length),
      value: 90,
      recordedBy: 'qn-officer',
      ...payload,
    },
    recordedAt: new Date().toISOString(),
  };
}

function send(
  token: string | undefined,
  nodeId: string,
  records: ReturnType<typeof record>[],
): Promise<GraphQLResponse> {
  const headSeq = Math.max(0, ...records.map((r) => r.seq));
  return metrics.query(receive, { token, variables: { batch: { nodeId, headSeq, records } } });
}

async function cursor(nodeId: string): Promise<number | null> {
  const [row] = await metrics.dataSource.query('SELECT last_seq FROM exchange_cursor WHERE node_id = $1', [nodeId]);
  return row ? Number(row.last_seq) : null;
}

/** The revisions the cluster stored of the observation a record describes. */
async function revisions(sent: ReturnType<typeof record>): Promise<{ value: number; recorded_by: string }[]> {
  return metrics.dataSource.query(
    `SELECT value, recorded_by FROM observation_revision
      WHERE province_id = 'quang-ninh' AND indicator_code = $1 AND year = $2 ORDER BY revision`,
    [sent.payload.indicator, sent.payload.year],
  );
}

describe('only a registered node may send its stream', () => {
  test("a province officer's token cannot move a node's cursor (seq 2147483647) or make it drop later records", async () => {
    const node = await register('quang-ninh');
    const stream = randomUUID();
    const first = record(1);
    expect((await send(node.credential, stream, [first])).errors).toBeUndefined();

    const officer = await testToken('province', 'quang-ninh');
    const attack = await send(officer, stream, [record(2147483647)]);
    expect(errorCodes(attack)).toEqual(['FORBIDDEN']);
    expect(attack.errors![0].message).toMatch(/Only a registered node may send exchange records/);
    expect(await cursor(stream)).toBe(1);

    const next = record(2);
    const answer = await send(node.credential, stream, [next]);
    expect(answer.data).toEqual({ receiveMetricsRecords: { lastSeq: 2, rejected: [] } });
    expect(await revisions(next)).toEqual([{ value: 90, recorded_by: 'node:quang-ninh/qn-officer' }]);
    await revokeAll();
  });

  test.each<[string, () => Promise<string | undefined>, string]>([
    ['no token', async () => undefined, 'UNAUTHENTICATED'],
    ['an admin token', () => testToken('admin'), 'FORBIDDEN'],
    ['a ministry token', () => testToken('ministry'), 'FORBIDDEN'],
    [
      'a made-up credential of the right shape',
      async () => `tdn1.quang-ninh.${randomUUID()}.${'A'.repeat(43)}`,
      'UNAUTHENTICATED',
    ],
  ])('%s is refused and stores nothing', async (_case, token, code) => {
    const stream = randomUUID();
    const response = await send(await token(), stream, [record(1)]);
    expect(errorCodes(response)).toEqual([code]);
    expect(await cursor(stream)).toBeNull();
  });

  test('a revoked credential is refused at once; the next registration of the province continues its stream', async () => {
    const old = await register('quang-ninh');
    const stream = randomUUID();
    expect((await send(old.credential, stream, [record(1), record(2)])).errors).toBeUndefined();
    await revoke(old.id);
    const refused = await send(old.credential, stream, [record(3)]);
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.errors![0].message).toMatch(/revoked/);

    const renewed = await register('quang-ninh', 'Máy chủ mới');
    const answer = await send(renewed.credential, stream, [record(3)]);
    expect(answer.data).toEqual({ receiveMetricsRecords: { lastSeq: 3, rejected: [] } });
    await revoke(renewed.id);
  });

  test("another province's node cannot send on this node's stream", async () => {
    const quangNinh = await register('quang-ninh');
    const haNam = await register('ha-nam');
    const stream = randomUUID();
    expect((await send(quangNinh.credential, stream, [record(1)])).errors).toBeUndefined();
    const response = await send(haNam.credential, stream, [record(2, {}, 'ha-nam')]);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0].message).toMatch(/belongs to province "quang-ninh"/);
    expect(await cursor(stream)).toBe(1);
    await revokeAll();
  });

  test('a province has one node in force: a second registration is CONFLICT until the first is revoked', async () => {
    const first = await register('ha-nam');
    const second = await registry.query(
      `mutation { registerNode(provinceId: "ha-nam", name: "again") { credential } }`,
      {
        token: await testToken('ministry'),
      },
    );
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0].message).toMatch(new RegExp(first.id));
    const officer = await registry.query(
      `mutation { registerNode(provinceId: "ha-nam", name: "mine") { credential } }`,
      {
        token: await testToken('province', 'ha-nam'),
      },
    );
    expect(errorCodes(officer)).toEqual(['FORBIDDEN']);
    await revokeAll();
  });
});

describe("a stream's numbers follow on", () => {
  let node: { id: string; credential: string };
  beforeAll(async () => {
    node = await register('quang-ninh');
  });
  afterAll(() => revokeAll());

  test('a jump is refused and logged; the cursor stays and nothing of the batch is stored', async () => {
    const stream = randomUUID();
    expect((await send(node.credential, stream, [record(1), record(2)])).errors).toBeUndefined();
    const jump = [record(3), record(5)];
    const response = await send(node.credential, stream, jump);
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0].message).toMatch(
      /record 5 does not follow on: .* up to 3, so the next record must be 4/,
    );
    expect(await cursor(stream)).toBe(2);
    expect(await revisions(jump[0])).toEqual([]);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ nodeId: stream, expected: 4, got: 5, msg: expect.stringMatching(/do not follow on/) }),
    );

    const gap = await send(node.credential, stream, [record(7)]);
    expect(errorCodes(gap)).toEqual(['CONFLICT']);
    expect(await cursor(stream)).toBe(2);
  });

  test('a batch sent again after a lost answer is acknowledged and applied once', async () => {
    const stream = randomUUID();
    const batch = [record(1), record(2, { value: 91 })];
    const first = await send(node.credential, stream, batch);
    const again = await send(node.credential, stream, batch);
    expect(again).toEqual(first);
    expect(again.data).toEqual({ receiveMetricsRecords: { lastSeq: 2, rejected: [] } });
    expect(await revisions(batch[1])).toHaveLength(1);
  });

  test('a record at or below the cursor that the cluster never received is refused, not silently acknowledged', async () => {
    const stream = randomUUID();
    expect((await send(node.credential, stream, [record(1), record(2)])).errors).toBeUndefined();
    const stranger = record(2);
    const response = await send(node.credential, stream, [stranger]);
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0].message).toMatch(/never received it/);
    expect(await revisions(stranger)).toEqual([]);
  });

  test('a refused record moves the cursor on; the records after it are applied', async () => {
    const stream = randomUUID();
    const bad = record(1, { value: 150 });
    const good = record(2);
    const response = await send(node.credential, stream, [bad, good]);
    expect(response.data!.receiveMetricsRecords.lastSeq).toBe(2);
    expect(response.data!.receiveMetricsRecords.rejected).toEqual([{ seq: 1, reason: expect.stringMatching(/150/) }]);
    expect(await revisions(good)).toHaveLength(1);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a non-UUID record id', { recordId: 'not-a-uuid' }, 'batch.records[0].recordId'],
    ['seq 0', { seq: 0 }, 'batch.records[0].seq'],
  ])('%s is BAD_USER_INPUT naming the field', async (_case, change, field) => {
    const stream = randomUUID();
    const response = await metrics.query(receive, {
      token: node.credential,
      variables: { batch: { nodeId: stream, headSeq: 1, records: [{ ...record(1), ...change }] } },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.field).toBe(field);
    expect(await cursor(stream)).toBeNull();
  });
});

describe('recordedBy cannot claim another actor', () => {
  let node: { id: string; credential: string };
  beforeAll(async () => {
    node = await register('quang-ninh');
  });
  afterAll(() => revokeAll());

  test.each<[string, unknown, string | RegExp]>([
    ['a user the node vouches for', 'qn.officer@sotttt', 'node:quang-ninh/qn.officer@sotttt'],
    ['a name with spaces and diacritics', 'Nguyễn Văn An', 'node:quang-ninh/Nguyễn Văn An'],
    ['none at all: the node itself', undefined, 'node:quang-ninh'],
    ['a cluster actor with a path', 'x/../admin', /payload\.recordedBy/],
    ['another node', 'node:ha-nam/officer', /payload\.recordedBy/],
    ['a service', 'service:awards', /payload\.recordedBy/],
    ['a number', 42, /payload\.recordedBy/],
  ])('%s', async (_case, recordedBy, expected) => {
    const stream = randomUUID();
    const sent = record(1, { recordedBy });
    const response = await send(node.credential, stream, [sent]);
    expect(response.errors).toBeUndefined();
    const stored = await revisions(sent);
    if (typeof expected === 'string') {
      expect(stored).toEqual([{ value: 90, recorded_by: expected }]);
    } else {
      expect(response.data!.receiveMetricsRecords.rejected).toEqual([
        { seq: 1, reason: expect.stringMatching(expected) },
      ]);
      expect(stored).toEqual([]);
    }
  });
});

async function revoke(id: string): Promise<void> {
  const response = await registry.query(`mutation ($id: ID!) { revokeNode(id: $id, reason: "test") { revokedAt } }`, {
    token: await testToken('admin'),
    variables: { id },
  });
  expect(response.errors).toBeUndefined();
}

/** Every registration in force, revoked, so each test registers its own. */
async function revokeAll(): Promise<void> {
  const active: { id: string }[] = await registry.dataSource.query(
    'SELECT id FROM node_registration WHERE revoked_at IS NULL',
  );
  for (const { id } of active) await revoke(id);
}
