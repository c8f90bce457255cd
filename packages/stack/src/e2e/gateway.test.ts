import { readFileSync } from 'node:fs';
import { composeSupergraph, schemaFile, subgraphSdls, supergraphFile, type ComposedName } from '../schema.js';
import { errorCodes, postGraphQL, startTestStack, type TestStack } from '../test/harness.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t.stop());

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
    await t.query('{ clusters { id } }');
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
    const response = await t.query('{ clusters { id } }', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
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
  let down: TestStack;
  beforeAll(async () => {
    down = await startTestStack();
    await down.stack.subgraphs.provinces.stop();
  });
  afterAll(() => down.stop());

  test('GET /health answers 503 naming it', async () => {
    const response = await fetch(`${down.baseUrl}/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as any;
    expect(body.subgraphs).toContainEqual({ name: 'provinces', status: 'unavailable' });
  });

  test('queries get an error that names the subgraph and hides its URL', async () => {
    const response = await down.query('{ clusters { id } }');
    expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    const error = response.errors![0];
    expect(error.message).toContain('provinces');
    expect(JSON.stringify(response)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED/);
  });
});

describe('REQUIRE_AUTH=1', () => {
  let locked: TestStack;
  beforeAll(async () => {
    locked = await startTestStack({ requireAuth: true });
  });
  afterAll(() => locked.stop());

  test('reads need a token, and a viewer token reads', async () => {
    const anonymous = await locked.query('{ clusters { id } }');
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const viewer = await locked.query('{ clusters { id } }', { token: await locked.token('viewer') });
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.clusters.map((c: { id: string }) => c.id)).toContain('cum-3');
  });
});
