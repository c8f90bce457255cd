import { type Role } from '@thidua/kit';
import { errorCodes, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { provincesSubgraph } from '../../subgraph.js';

let provinces: TestSubgraph;
beforeAll(async () => {
  provinces = await startTestSubgraph(provincesSubgraph);
});
afterAll(() => provinces.close());

const createCluster = `mutation ($id: ID!, $name: String!) { createCluster(id: $id, name: $name) { id name } }`;

interface Created {
  createCluster: { id: string; name: string } | null;
}

async function create(id: string, name: string, role: Role | null) {
  const token = role ? await testToken(role, role === 'province' ? 'ha-noi' : undefined) : undefined;
  return provinces.query<Created>(createCluster, { variables: { id, name }, token });
}

describe('createCluster', () => {
  test.each([
    { rule: 'needs a token', role: null, code: 'UNAUTHENTICATED' },
    { rule: 'a viewer may not', role: 'viewer', code: 'FORBIDDEN' },
    { rule: 'a province officer may not', role: 'province', code: 'FORBIDDEN' },
  ] as const)('$rule', async ({ role, code }) => {
    const response = await create(`cum-auth-${role ?? 'none'}`, 'Cụm thử', role);
    expect(errorCodes(response)).toEqual([code]);
    const stored = await provinces.query<{ cluster: unknown }>(`{ cluster(id: "cum-auth-${role ?? 'none'}") { id } }`);
    expect(stored.data?.cluster).toBeNull();
  });

  test.each([
    { rule: 'the id is a slug', id: 'Cụm 1', name: 'Cụm thử', field: 'id' },
    { rule: 'the name is not empty', id: 'cum-empty', name: '   ', field: 'name' },
    { rule: 'the name is at most 200 characters', id: 'cum-long', name: 'x'.repeat(201), field: 'name' },
  ])('bad input names its field: $rule', async ({ id, name, field }) => {
    const response = await create(id, name, 'admin');
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field });
  });

  test('the ministry and admins create clusters, trimmed; an id taken is CONFLICT and keeps the first name', async () => {
    expect((await create('cum-61', '  Cụm thi đua số 61 ', 'ministry')).data?.createCluster).toEqual({
      id: 'cum-61',
      name: 'Cụm thi đua số 61',
    });
    const again = await create('cum-61', 'Cụm khác', 'admin');
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toContain('cum-61');
    const stored = await provinces.query<{ cluster: { name: string } }>(`{ cluster(id: "cum-61") { name } }`);
    expect(stored.data?.cluster.name).toBe('Cụm thi đua số 61');
  });
});
