import { startGateway } from '@thidua/gateway';
import { dropDatabase, signToken, silentLogger, type RunningServer } from '@thidua/kit';
import {
  errorCodes,
  postGraphQL,
  testAuth,
  testDatabaseUrl,
  testToken,
  TEST_SECRET,
  uniquePrefix,
  type GraphQLResponse,
  eventually,
} from '@thidua/kit/testing';
import { startSubgraphProcesses, type ChildServer } from '../bench-processes.js';

/**
 * The gateway's calls to subgraphs, against real subgraphs each in its own
 * process (so one can be frozen with SIGSTOP, as a hung server would be).
 */
let subgraphs: ChildServer[];
let urls: Record<string, string>;
const databasePrefix = uniquePrefix();
const gateways: RunningServer[] = [];

const subgraph = (name: string) => subgraphs.find((s) => s.name === name)!;
const freeze = (name: string) => subgraph(name).process.kill('SIGSTOP');
const thaw = (name: string) => subgraph(name).process.kill('SIGCONT');

async function gateway(calls: Parameters<typeof startGateway>[0]['calls'], authSecret = TEST_SECRET) {
  const started = await startGateway({
    port: 0,
    host: '127.0.0.1',
    auth: { ...testAuth, authSecret },
    logger: silentLogger,
    subgraphUrls: urls,
    calls,
    accounts: { databaseUrl: testDatabaseUrl(), database: `${databasePrefix}_gateway` },
  });
  gateways.push(started);
  return started;
}

/** A gauge from the gateway's /metrics. */
async function metric(server: RunningServer, line: string): Promise<number> {
  const text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.split(' ')[1]) : 0;
}

/** How long {@link eventually} waits here for what happens in another process, and how often it looks. */
const elsewhere = { limitMs: 20_000, everyMs: 50 };

beforeAll(async () => {
  subgraphs = await startSubgraphProcesses({
    databaseUrl: testDatabaseUrl(),
    databasePrefix,
    authSecret: TEST_SECRET,
  });
  urls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url]));
}, 180_000);

afterAll(async () => {
  for (const s of subgraphs ?? []) s.process.kill('SIGCONT');
  await Promise.all(gateways.map((g) => g.stop()));
  await Promise.all((subgraphs ?? []).map((s) => s.stop()));
  await Promise.all(
    ['provinces', 'awards', 'metrics', 'gateway'].map((name) =>
      dropDatabase(testDatabaseUrl(), `${databasePrefix}_${name}`),
    ),
  );
});

describe('a frozen subgraph (SIGSTOP)', () => {
  const season = `{ cluster(id: "cum-3") { name season(year: 2019) {
    members { id } head { id } nominations { form } standings { rank province { id } total } } } }`;
  let server: RunningServer;

  beforeAll(async () => {
    server = await gateway({
      subgraphTimeoutMs: 1500,
      breakerFailures: 1,
      breakerResetMs: 5000,
      responseCacheTtlMs: 0,
    });
    const healthy = await postGraphQL(server.url, season);
    expect(healthy.errors).toBeUndefined();
    freeze('metrics');
  });
  afterAll(() => thaw('metrics'));

  const expectPartial = (response: GraphQLResponse, reason: RegExp) => {
    const answer = response.data!.cluster;
    expect(answer.name).toBe('Cụm thi đua số 3');
    expect(answer.season.members.length).toBeGreaterThan(0);
    expect(answer.season.head).toEqual({ id: 'vinh-phuc' });
    expect(answer.season.nominations).toHaveLength(3);
    expect(answer.season.standings).toBeNull();
    const fromGateway = response.errors!.filter((e) => e.extensions?.serviceName === 'metrics');
    expect(fromGateway).toHaveLength(1);
    expect(fromGateway[0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
    expect(fromGateway[0].message).toMatch(/^The metrics service is unavailable/);
    expect(fromGateway[0].message).toMatch(reason);
    expect(new Set(errorCodes(response))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|localhost/);
  };

  test('the standings answer comes back with the other subgraphs’ data and SERVICE_UNAVAILABLE naming metrics', async () => {
    expectPartial(await postGraphQL(server.url, season), /did not answer in time/);
  });

  test('while it stays frozen, its open circuit answers without asking it', async () => {
    expectPartial(await postGraphQL(server.url, season), /is failing/);
  });

  test('/health reports it degraded and its circuit open', async () => {
    const response = await fetch(server.url.replace(/\/graphql$/, '/health'));
    expect(response.status).toBe(503);
    const body = (await response.json()) as any;
    expect(body.status).toBe('degraded');
    expect(body.subgraphs).toContainEqual({ name: 'metrics', status: 'unavailable' });
    expect(body.subgraphs).toContainEqual({ name: 'provinces', status: 'ok' });
    expect(body.circuits.metrics).not.toBe('closed');
  });

  test('once it runs again, a probe closes the circuit and answers are whole again', async () => {
    thaw('metrics');
    await eventually(
      'a whole answer after SIGCONT',
      async () => !(await postGraphQL(server.url, season)).errors,
      elsewhere,
    );
    const whole = await postGraphQL(server.url, season);
    expect(whole.data!.cluster.season.standings.length).toBeGreaterThan(0);
    const health = (await (await fetch(server.url.replace(/\/graphql$/, '/health'))).json()) as any;
    expect(health.circuits.metrics).toBe('closed');
  });
});

describe('identical reads in flight share one subgraph call', () => {
  const query = '{ clusters { id name } }';
  const sent = (server: RunningServer) =>
    metric(server, 'thidua_gateway_subgraph_calls{subgraph="provinces",kind="sent"}');
  const merged = (server: RunningServer) =>
    metric(server, 'thidua_gateway_subgraph_calls{subgraph="provinces",kind="merged"}');
  let server: RunningServer;

  beforeAll(async () => {
    server = await gateway({ subgraphTimeoutMs: 30_000, responseCacheTtlMs: 0 });
  });
  afterEach(() => {
    thaw('provinces');
    thaw('awards');
  });

  test('five identical queries while provinces is frozen: one call, five equal answers', async () => {
    const before = { sent: await sent(server), merged: await merged(server) };
    freeze('provinces');
    const answers = Array.from({ length: 5 }, () => postGraphQL(server.url, query));
    await eventually('four merged calls', async () => (await merged(server)) === before.merged + 4, elsewhere);
    thaw('provinces');
    const results = await Promise.all(answers);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(await sent(server)).toBe(before.sent + 1);
  });

  test('a read sent after a write through the gateway answered is never merged with one from before it', async () => {
    const before = await sent(server);
    freeze('provinces');
    const earlier = postGraphQL(server.url, query);
    await eventually('the first read in flight', async () => (await sent(server)) === before + 1, elsewhere);
    const write = await postGraphQL(
      server.url,
      'mutation { defineIndex(id: "merge-test", name: "Chỉ số thử", components: [{ indicator: "dti.cyber_security", weight: 1 }]) { id } }',
      { token: await testToken('admin') },
    );
    expect(write.errors).toBeUndefined();
    const later = postGraphQL(server.url, query);
    await eventually('the later read sent on its own', async () => (await sent(server)) === before + 2, elsewhere);
    thaw('provinces');
    expect((await earlier).errors).toBeUndefined();
    expect((await later).errors).toBeUndefined();
  });

  test('identical mutations in flight are each sent', async () => {
    const token = await testToken('admin');
    const mutation = 'mutation { setCommendationPoints(form: MINISTRY_EMULATION_FLAG, points: 7) { form points } }';
    const awardsSent = () => metric(server, 'thidua_gateway_subgraph_calls{subgraph="awards",kind="sent"}');
    const before = await awardsSent();
    freeze('awards');
    const writes = [postGraphQL(server.url, mutation, { token }), postGraphQL(server.url, mutation, { token })];
    await eventually('both mutations sent', async () => (await awardsSent()) === before + 2, elsewhere);
    thaw('awards');
    const answers = await Promise.all(writes);
    expect(answers.map((a) => a.data?.setCommendationPoints)).toEqual([
      { form: 'MINISTRY_EMULATION_FLAG', points: 7 },
      { form: 'MINISTRY_EMULATION_FLAG', points: 7 },
    ]);
  });
});

describe("a subgraph's refusals reach the client as they are", () => {
  test('bad input a subgraph refuses is BAD_USER_INPUT with its message, not SERVICE_UNAVAILABLE', async () => {
    const server = await gateway({});
    const response = await postGraphQL(server.url, 'query ($asOf: Date) { provinces(asOf: $asOf) { id } }', {
      variables: { asOf: 'not-a-date' },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain('not-a-date');
  });

  test('a token the subgraphs do not accept is UNAUTHENTICATED, not SERVICE_UNAVAILABLE', async () => {
    // A gateway configured with another secret than its subgraphs: it accepts the token, they refuse it.
    const otherSecret = 'a-secret-the-subgraphs-do-not-share';
    const server = await gateway({}, otherSecret);
    const token = await signToken(otherSecret, { sub: 'someone', role: 'viewer' });
    const response = await postGraphQL(server.url, '{ clusters { id } }', { token });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0].message).toMatch(/Authorization rejected/);
  });
});
