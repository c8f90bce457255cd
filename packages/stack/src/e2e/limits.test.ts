import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
} from 'graphql';
import { benchQueries } from '../bench-queries.js';
import { awardsSubgraph } from '@thidua/awards';
import { startGateway } from '@thidua/gateway';
import {
  defaultOperationLimits,
  dropDatabase,
  runSubgraph,
  silentLogger,
  subgraphLimits,
  type RunningServer,
  type RunningSubgraph,
} from '@thidua/kit';
import { testAuth, testDatabaseUrl, uniquePrefix } from '@thidua/kit/testing';
import { metricsSubgraph } from '@thidua/metrics';
import { provincesSubgraph } from '@thidua/provinces';
import { errorCodes, postGraphQL, startTestStack, testToken, type TestStack } from '../test/harness.js';

// Query limits at the gateway and at each subgraph reached directly (defence in
// depth), and the dashboard's own queries still passing all of them.
const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const dashboardSrc = path.join(projectRoot, 'packages', 'dashboard', 'src');
const indicator = 'nrd.criterion8_communes_pct';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
}, 120_000);
afterAll(() => t.stop());

/** `seasons { cluster { seasons { … } } }`, `depth` fields deep (a Cluster's selection). */
function circular(depth: number): string {
  let selection = (depth - 1) % 2 === 0 ? 'year' : 'id';
  for (let i = depth - 1; i >= 0; i--)
    selection = i % 2 === 0 ? `seasons { ${selection} }` : `cluster { ${selection} }`;
  return selection;
}

/** `field { province { field { … } } }`, `depth` fields deep (a Province's selection). */
function throughProvince(field: string, depth: number): string {
  let selection = (depth - 1) % 2 === 0 ? '__typename' : 'id';
  for (let i = depth - 1; i >= 0; i--)
    selection = i % 2 === 0 ? `${field} { ${selection} }` : `province { ${selection} }`;
  return selection;
}

const entities = (selection: string) =>
  `query { _entities(representations: [{ __typename: "Province", id: "quang-ninh" }]) { ... on Province { ${selection} } } }`;

/** A depth-60 query each server's schema accepts, straight to its own port. */
const depth60 = {
  gateway: () => [t.url, `{ cluster(id: "cum-3") { ${circular(59)} } }`],
  provinces: () => [t.stack.subgraphs.provinces.url, `{ cluster(id: "cum-3") { ${circular(59)} } }`],
  awards: () => [t.stack.subgraphs.awards.url, entities(throughProvince('commendations', 58))],
  metrics: () => [t.stack.subgraphs.metrics.url, entities(throughProvince('observations', 58))],
} as const;

async function everyServiceAnswers(): Promise<void> {
  const health = await fetch(`${t.baseUrl}/health`);
  expect(((await health.json()) as { status: string }).status).toBe('ok');
  const answer = await t.query('{ cluster(id: "cum-3") { season(year: 2019) { head { id } } } }');
  expect(answer).toEqual({ data: { cluster: { season: { head: { id: 'vinh-phuc' } } } } });
}

describe('query limits', () => {
  test.each(Object.keys(depth60) as (keyof typeof depth60)[])(
    'a depth-60 query straight to the %s port is refused, and every service stays up',
    async (name) => {
      const [url, query] = depth60[name]();
      const response = await postGraphQL(url, query);
      expect(response.data ?? null).toBeNull();
      expect(response.errors!.map((error) => error.message).join('\n')).toMatch(/depth|levels deep/);
      // graphql-armor at the gateway names the refusal BAD_USER_INPUT; the subgraphs' own limit, a validation failure.
      for (const code of errorCodes(response)) expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(code);
      await everyServiceAnswers();
    },
  );

  test('the depth-12 cluster → seasons → cluster query is refused at the gateway for its estimated cost', async () => {
    const response = await t.query(`{ cluster(id: "cum-3") { ${circular(10)} } }`);
    expect(response.data ?? null).toBeNull();
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors![0].message).toMatch(/cost|could hold about/);
    await everyServiceAnswers();
  });

  test('sent straight to the provinces subgraph, it is refused there for its estimated size', async () => {
    const response = await postGraphQL(t.stack.subgraphs.provinces.url, `{ cluster(id: "cum-3") { ${circular(10)} } }`);
    expect(response.data ?? null).toBeNull();
    expect(response.errors![0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxResponseSize',
    });
    expect(response.errors![0].message).toMatch(/^Query refused before it ran: its response could hold about/);
    await everyServiceAnswers();
  });

  test('a shallow, cheap-looking query whose lists multiply is refused at the gateway for its estimated size', async () => {
    // Within armor's depth and cost limits: every observation of every member of every season of every cluster.
    const response = await t.query('{ clusters { seasons { members { id observations { year value } } } } }');
    expect(response.data ?? null).toBeNull();
    expect(response.errors![0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxResponseSize',
    });
    await everyServiceAnswers();
  });

  test('a query at the depth limit that crosses every subgraph passes the gateway and each subgraph', async () => {
    // 12 levels: provinces → metrics → provinces → awards → provinces, as the planner splits it.
    const response = await t.query(`{ cluster(id: "cum-3") { season(year: 2019) { cluster { season(year: 2019) {
      head { successor { predecessors { observations(indicator: "${indicator}", year: 2019) {
        province { commendations(fromYear: 2019, toYear: 2019) { province { name } } } } } } } } } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.cluster.season.cluster.season.head.successor.predecessors.length).toBeGreaterThan(0);
  });

  test('a short circular path is answered; one that repeats a field three times is refused, naming the path', async () => {
    const twice = await t.query(`{ cluster(id: "cum-3") { ${circular(3)} } }`);
    expect(twice.errors).toBeUndefined();
    const thrice = await t.query(`{ cluster(id: "cum-3") { ${circular(5)} } }`);
    expect(thrice.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxFieldRepeats' });
    expect(thrice.errors![0].message).toContain(
      'Cluster.seasons appears 3 times on one path (Query.cluster → Cluster.seasons',
    );
  });
});

/** Every `graphql(\`…\`)` document in the dashboard's sources, as the operations it sends. */
function dashboardOperations(): Map<string, string> {
  const files = readdirSync(dashboardSrc, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => readFileSync(path.join(dashboardSrc, file), 'utf8'));
  const definitions: DefinitionNode[] = files.flatMap((source) =>
    // gql.tada's @_unmask is a client-side directive; the server never sees it.
    [...source.matchAll(/graphql\(\s*`([^`]*)`/g)].flatMap((m) => parse(m[1].replace(/@_unmask/g, '')).definitions),
  );
  const fragments = new Map(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const operations = new Map<string, string>();
  for (const definition of definitions) {
    // Queries: the limits are about what a read may cost (the dashboard's writes are tested with their pages).
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== OperationTypeNode.QUERY) continue;
    const used = new Set<string>();
    visit(definition, { FragmentSpread: (spread) => void used.add(spread.name.value) });
    const text = [definition, ...[...used].map((name) => fragments.get(name)!)].map((d) => print(d)).join('\n');
    operations.set(definition.name!.value, text);
  }
  // The indicator matrix is built at run time: re-stated here with as many aliases as the page sends at once.
  const page = readFileSync(path.join(dashboardSrc, 'pages', 'indicators.tsx'), 'utf8');
  const batch = Number(/const aliasesPerRequest = (\d+);/.exec(page)![1]);
  expect(page).toContain('query IndicatorMatrix(');
  const codes = Array.from({ length: batch }, (_, i) => i);
  operations.set(
    'IndicatorMatrix',
    `query IndicatorMatrix($clusterId: ID!, $year: Int!, ${codes.map((i) => `$i${i}: ID!`).join(', ')}) {
      cluster(id: $clusterId) { id season(year: $year) { clusterId year
        ${codes.map((i) => `i${i}: indicatorRanking(indicator: $i${i}) { ...IndicatorRankFields }`).join('\n')} } } }
    ${print(fragments.get('IndicatorRankFields')!)}`,
  );
  return operations;
}

const season = { clusterId: 'cum-3', year: 2019 };
const dashboardVariables: Record<string, Record<string, unknown>> = {
  Clusters: {},
  ClusterAverages: {},
  ClusterMembership: {},
  Province: { id: 'quang-ninh' },
  Review: { ...season, nextYear: 2020 },
  Standings: { ...season, nextYear: 2020, ictWeight: 0.7, awardWeight: 0.3 },
  SeasonIndicators: season,
  IndicatorRanking: { ...season, indicator },
  IndicatorMatrix: { ...season, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`i${i}`, indicator])) },
  // The emulation year's pages.
  Year: season,
  Assessment: { ...season, provinceId: 'vinh-phuc' },
  AssessmentMembers: season,
  Appraisal: season,
  Election: { ...season, nextYear: 2020 },
  Results: season,
  // The sign-in's work pages.
  Figures: { provinceId: 'vinh-phuc', year: 2019 },
  CommendationsEdit: { id: 'vinh-phuc' },
  ProvinceChoices: {},
  ClustersAdmin: {},
  SeasonMembers: { clusterId: 'cum-3', asOf: '2019-12-31' },
  YearOverview: { year: 2019 },
  Users: {},
  ApiTokens: {},
};
/** Pages only an admin opens ask as one. */
const dashboardRoles: Record<string, 'admin'> = { Users: 'admin', ApiTokens: 'admin' };

describe('what the dashboard and the benchmark ask', () => {
  const operations = dashboardOperations();

  test('every query document the dashboard sends is covered here', () => {
    expect([...operations.keys()].sort()).toEqual(Object.keys(dashboardVariables).sort());
  });

  test.each([...operations.keys()])(
    'the dashboard query %s passes every limit and answers without errors',
    async (name) => {
      const role = dashboardRoles[name];
      const response = await t.query(operations.get(name)!, {
        variables: dashboardVariables[name],
        token: role ? await t.token(role) : undefined,
      });
      expect(response.errors).toBeUndefined();
      expect(response.data).toBeTruthy();
    },
  );

  test.each(benchQueries.map((bench) => [bench.name, bench] as const))(
    'the benchmark query "%s" passes every limit',
    async (_, bench) => {
      const response = await t.query(bench.query, { variables: bench.variables });
      expect(response.errors).toBeUndefined();
    },
  );
});

describe('a list longer than assumed', () => {
  // Provinces may build at most 140 values; a season of 25 members (20 are assumed) is estimated under that.
  const prefix = uniquePrefix();
  const started: RunningSubgraph[] = [];
  let gateway: RunningServer;
  beforeAll(async () => {
    const base = { databaseUrl: testDatabaseUrl(), port: 0, host: '127.0.0.1', auth: testAuth, logger: silentLogger };
    const limits = { ...subgraphLimits(defaultOperationLimits), maxResponseSize: 140 };
    const provinces = await runSubgraph(provincesSubgraph, { ...base, database: `${prefix}_provinces`, limits });
    started.push(provinces);
    started.push(
      await runSubgraph(awardsSubgraph, {
        ...base,
        database: `${prefix}_awards`,
        linkUrls: { provinces: provinces.url },
      }),
    );
    started.push(await runSubgraph(metricsSubgraph, { ...base, database: `${prefix}_metrics` }));
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      auth: testAuth,
      logger: silentLogger,
      subgraphUrls: Object.fromEntries(started.map((s) => [s.name, s.url])),
      accounts: { databaseUrl: testDatabaseUrl(), database: `${prefix}_gateway` },
    });
  }, 120_000);
  afterAll(async () => {
    await gateway.stop();
    await Promise.all(started.map((s) => s.stop()));
    await Promise.all(
      [...started.map((s) => s.name), 'gateway'].map((name) => dropDatabase(testDatabaseUrl(), `${prefix}_${name}`)),
    );
  });

  test('is stopped by the subgraph as it is built, and the client gets its error through the gateway', async () => {
    const admin = await testToken('admin');
    const all = await postGraphQL<{ provinces: { id: string }[] }>(
      gateway.url,
      '{ provinces(asOf: "2024-01-01") { id } }',
    );
    const ids = all.data!.provinces.map((p) => p.id).slice(0, 25);
    const created = await postGraphQL(gateway.url, 'mutation { createCluster(id: "cum-90", name: "Cụm 90") { id } }', {
      token: admin,
    });
    expect(created.errors).toBeUndefined();
    const members = await postGraphQL(
      gateway.url,
      'mutation ($ids: [ID!]!) { setSeasonMembers(clusterId: "cum-90", year: 2024, provinceIds: $ids) { year } }',
      { token: admin, variables: { ids } },
    );
    expect(members.errors).toBeUndefined();

    const response = await postGraphQL(
      gateway.url,
      '{ cluster(id: "cum-90") { season(year: 2024) { members { id name code region kind } } } }',
    );
    expect(response.data).toEqual({ cluster: null });
    expect(response.errors).toEqual([
      {
        message: 'Response refused: it grew past 140 values while it was built. Ask for less at once.',
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          limit: 'maxResponseSize',
          value: 141,
          max: 140,
          serviceName: 'provinces',
        },
      },
    ]);
    const after = await postGraphQL(gateway.url, '{ cluster(id: "cum-90") { season(year: 2024) { year } } }');
    expect(after).toEqual({ data: { cluster: { season: { year: 2024 } } } });
  });
});
