import { readFileSync } from 'node:fs';
import { signServiceToken } from '@thidua/kit';
import { TEST_SECRET } from '@thidua/kit/testing';
import { composeSupergraph, schemaFile, subgraphSdls, supergraphFile, type ComposedName } from '../schema.js';
import { errorCodes, graphql, postGraphQL, useTestStack } from '../test/harness.js';

const t = useTestStack();
const clusterIds = graphql(`
  {
    clusters {
      id
    }
  }
`);

describe('committed schema files', () => {
  test('every services/*/schema.graphql and the supergraph match the code (run npm run compose when this fails)', async () => {
    const sdls = await subgraphSdls();
    for (const name of Object.keys(sdls) as ComposedName[]) {
      expect({ name, sdl: readFileSync(schemaFile(name), 'utf8') }).toEqual({ name, sdl: sdls[name] });
    }
    expect(readFileSync(supergraphFile, 'utf8')).toBe(composeSupergraph(sdls));
  });
});

describe('gateway', () => {
  test('GET /health is 200 when every subgraph answers', async () => {
    const response = await fetch(`${t.baseUrl}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.status).toBe('ok');
    expect(body.subgraphs.map((s: { name: string }) => s.name).sort()).toEqual([
      'accounts',
      'awards',
      'metrics',
      'provinces',
    ]);
  });

  test('serves a self-hosted GraphiQL whose scripts come from this server', async () => {
    const page = await fetch(`${t.baseUrl}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await fetch(`${t.baseUrl}${src}`);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
    }
    const redirected = await fetch(`${t.baseUrl}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('/graphiql');
  });

  test('exposes Prometheus metrics', async () => {
    await t.query(clusterIds);
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).toMatch(/thidua_graphql_operations_total\{type="query",outcome="ok"\} \d+/);
  });

  test('rejects a query nested deeper than the limit before it reaches a subgraph', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `successor { predecessors { ${selection} } }`;
    const response = await t.query(`{ province(id: "vinh-phuc") { ${selection} } }`);
    expect(response.data ?? null).toBeNull();
    expect(response.errors![0].message).toMatch(/depth/i);
  });

  test('rejects a query whose estimated cost is too high', async () => {
    // Within the depth and alias limits, but each alias nests six levels of lineage.
    const scalars = 'id name code kind region';
    const nested = `predecessors { ${scalars} successor { ${scalars} predecessors { ${scalars} successor { ${scalars} } } } }`;
    const fields = Array.from(
      { length: 28 },
      (_, i) => `p${i}: provinces { ${scalars} successor { ${scalars} ${nested} } }`,
    );
    const response = await t.query(`{ ${fields.join(' ')} }`);
    expect(response.data ?? null).toBeNull();
    expect(response.errors![0].message).toMatch(/cost/i);
  });

  test('a token that does not verify is UNAUTHENTICATED even for reads', async () => {
    const response = await t.query(clusterIds, { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  test("a service's token is refused by the gateway (it is for people, scripts and nodes) but reaches a subgraph's _entities", async () => {
    const service = await signServiceToken(TEST_SECRET, 'awards', ['_entities']);
    const throughGateway = await t.query(clusterIds, { token: service });
    expect(errorCodes(throughGateway)).toEqual(['UNAUTHENTICATED']);
    expect(throughGateway.data ?? null).toBeNull();

    const direct = await postGraphQL<{ _entities: { clusterId: string; head: { id: string } }[] }>(
      t.stack.subgraphs.provinces.url,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ClusterSeason { clusterId head { id } } } }`,
      { token: service, variables: { r: [{ __typename: 'ClusterSeason', clusterId: 'cum-3', year: 2019 }] } },
    );
    expect(direct.errors).toBeUndefined();
    expect(direct.data!._entities).toEqual([{ clusterId: 'cum-3', head: { id: 'vinh-phuc' } }]);
  });

  test('subgraphs verify tokens themselves (defence in depth)', async () => {
    const direct = await postGraphQL(
      t.stack.subgraphs.provinces.url,
      'mutation { createCluster(id: "cum-77", name: "Cụm 77") { id } }',
      { token: await t.token('province', 'ha-noi') },
    );
    expect(errorCodes(direct)).toEqual(['FORBIDDEN']);
  });
});

describe('a subgraph that is down', () => {
  const down = useTestStack();
  beforeAll(() => down.stack.subgraphs.provinces.stop());

  test('GET /health answers 503 naming it', async () => {
    const response = await fetch(`${down.baseUrl}/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as any;
    expect(body.subgraphs).toContainEqual({ name: 'provinces', status: 'unavailable' });
  });

  test('queries get an error that names the subgraph and hides its URL', async () => {
    const response = await down.query(clusterIds);
    expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    const error = response.errors![0];
    expect(error.message).toContain('provinces');
    expect(JSON.stringify(response)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED/);
  });
});

describe('REQUIRE_AUTH=1', () => {
  const locked = useTestStack({ requireAuth: true });

  test('reads need a token, and a viewer token reads', async () => {
    const anonymous = await locked.query(clusterIds);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const viewer = await locked.query(clusterIds, { token: await locked.token('viewer') });
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.clusters.map((c) => c.id)).toContain('cum-3');
  });
});
