import { type Role, type Viewer } from '@thidua/kit';
import { errorCodes, overlapTransactions, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { metricsSubgraph } from '../../subgraph.js';
import type { IndexComponentInput } from '../composite-index.input.js';
import { defineIndex } from '../composite-index.service.js';

let metrics: TestSubgraph;
beforeAll(async () => {
  metrics = await startTestSubgraph(metricsSubgraph);
});
afterAll(() => metrics.close());

const criterion8 = 'nrd.criterion8_communes_pct';
const portals = 'egov.commune_portals_pct';
const define = `mutation ($id: ID!, $name: String!, $components: [IndexComponentInput!]!) {
  defineIndex(id: $id, name: $name, components: $components) { id name components { indicator { code } weight } }
}`;

interface IndexState {
  index: { name: string; components: { indicator: { code: string }; weight: number }[] } | null;
}

async function indexOf(id: string) {
  const response = await metrics.query<IndexState>(
    `query ($id: ID!) { index(id: $id) { name components { indicator { code } weight } } }`,
    { variables: { id } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.index;
}

function history(id: string): Promise<{ revision: number; recorded_by: string }[]> {
  return metrics.dataSource.query(
    `SELECT revision, recorded_by FROM definition_revision WHERE kind = 'index' AND id = $1 ORDER BY revision`,
    [id],
  );
}

const components: IndexComponentInput[] = [
  { indicator: criterion8, weight: 2 },
  { indicator: portals, weight: 1 },
];

describe('defineIndex', () => {
  test.each([
    { rule: 'needs a token', role: null, code: 'UNAUTHENTICATED' },
    { rule: 'a viewer may not', role: 'viewer', code: 'FORBIDDEN' },
    { rule: 'a province officer may not', role: 'province', code: 'FORBIDDEN' },
  ] as const)('$rule', async ({ role, code }) => {
    const id = `auth-${role ?? 'none'}`;
    const token = role ? await testToken(role as Role, 'ha-noi') : undefined;
    const response = await metrics.query(define, { variables: { id, name: 'Chỉ số thử', components }, token });
    expect(errorCodes(response)).toEqual([code]);
    expect(await indexOf(id)).toBeNull();
  });

  test.each([
    { rule: 'the id is a slug', id: 'Chỉ số', name: 'Chỉ số thử', parts: components, field: 'id' },
    { rule: 'a name', id: 'bad-name', name: ' ', parts: components, field: 'name' },
    { rule: 'at least one component', id: 'bad-empty', name: 'Chỉ số thử', parts: [], field: 'components' },
    {
      rule: 'known indicators',
      id: 'bad-unknown',
      name: 'Chỉ số thử',
      parts: [{ indicator: 'nrd.unknown', weight: 1 }],
      field: 'components[0].indicator',
    },
    {
      rule: 'each indicator once',
      id: 'bad-twice',
      name: 'Chỉ số thử',
      parts: [components[0], components[0]],
      field: 'components[1].indicator',
    },
    {
      rule: 'weights above 0',
      id: 'bad-weight',
      name: 'Chỉ số thử',
      parts: [{ indicator: criterion8, weight: 0 }],
      field: 'components[0].weight',
    },
  ])('bad input names its field: $rule', async ({ id, name, parts, field }) => {
    const response = await metrics.query(define, {
      variables: { id, name, components: parts },
      token: await testToken('admin'),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field });
    expect(response.errors![0].message.startsWith(`${field}: `)).toBe(true);
  });

  test.each([
    [[{ indicator: 'x.unknown', weight: 1 }], 'components[0].indicator: "x.unknown" is not a known indicator'],
    [[{ indicator: criterion8, weight: 0 }], 'components[0].weight: 0 must be greater than 0'],
  ])('the refusal names the component and its value: %j', async (parts, message) => {
    const response = await metrics.query(define, {
      variables: { id: 'bad-message', name: 'Chỉ số thử', components: parts },
      token: await testToken('admin'),
    });
    expect(response.errors![0].message).toBe(message);
  });

  test('a redefinition replaces the components and is a revision with who made it; the same again is none', async () => {
    const variables = { id: 'history', name: 'Chỉ số thử', components };
    const changed = { ...variables, components: [{ indicator: portals, weight: 3 }] };
    for (const [input, role] of [
      [variables, 'ministry'],
      [changed, 'admin'],
      [changed, 'ministry'],
    ] as const) {
      expect((await metrics.query(define, { variables: input, token: await testToken(role) })).errors).toBe(undefined);
    }
    expect((await indexOf('history'))!.components).toEqual([{ indicator: { code: portals }, weight: 3 }]);
    expect(await history('history')).toEqual([
      { revision: 1, recorded_by: 'test-ministry' },
      { revision: 2, recorded_by: 'test-admin' },
    ]);
  });

  test('two first definitions of a brand-new index both land, as revisions 1 and 2', async () => {
    const ministry: Viewer = { sub: 'test-ministry', role: 'ministry' };
    const admin: Viewer = { sub: 'test-admin', role: 'admin' };
    const [, second] = await overlapTransactions(
      metrics.dataSource,
      (em) => defineIndex(em, ministry, { id: 'concurrent', name: 'Chỉ số thử', components }),
      (em) => defineIndex(em, admin, { id: 'concurrent', name: 'Chỉ số thử (sửa)', components }),
    );
    expect(second.ok).toBe(true);
    expect((await indexOf('concurrent'))!.name).toBe('Chỉ số thử (sửa)');
    expect(await history('concurrent')).toEqual([
      { revision: 1, recorded_by: 'test-ministry' },
      { revision: 2, recorded_by: 'test-admin' },
    ]);
  });
});
