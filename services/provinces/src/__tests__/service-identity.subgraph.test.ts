import { signServiceToken } from '@thidua/kit';
import { startTestSubgraph, TEST_SECRET, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { provincesSubgraph } from '../subgraph.js';

let provinces: TestSubgraph;
let serviceToken: string;

beforeAll(async () => {
  provinces = await startTestSubgraph(provincesSubgraph);
  serviceToken = await signServiceToken(TEST_SECRET, 'awards', ['_entities']);
});
afterAll(() => provinces.close());

const seasonLookup = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ClusterSeason { clusterId year members { id } head { id } } } }`;

test('the awards service identity reads a season through _entities, as the review needs', async () => {
  const response = await provinces.query<{ _entities: { clusterId: string; members: { id: string }[] }[] }>(
    seasonLookup,
    { token: serviceToken, variables: { r: [{ __typename: 'ClusterSeason', clusterId: 'cum-3', year: 2019 }] } },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!._entities[0].clusterId).toBe('cum-3');
  expect(response.data!._entities[0].members).toHaveLength(9);
});

test('the service identity cannot run any mutation, and nothing is stored', async () => {
  const response = await provinces.query('mutation { createCluster(id: "cum-99", name: "Cụm thử") { id } }', {
    token: serviceToken,
  });
  expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(response.errors?.[0].message).toMatch(/service:awards/);
  const check = await provinces.query('{ cluster(id: "cum-99") { id } }');
  expect(check.data).toEqual({ cluster: null });
});

test('the service identity reads only the fields its token names', async () => {
  const response = await provinces.query('{ clusters { id } }', { token: serviceToken });
  expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(response.data ?? null).toBeNull();
});

test('an admin person can still create a cluster (the guard is for services only)', async () => {
  const response = await provinces.query('mutation { createCluster(id: "cum-98", name: "Cụm thử") { id } }', {
    token: await testToken('admin'),
  });
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({ createCluster: { id: 'cum-98' } });
});
