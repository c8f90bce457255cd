import { startTestSubgraph, testToken, waitForLockWaiters, type TestSubgraph } from '@thidua/kit/testing';
import { provincesSubgraph } from '../../subgraph.js';

/*
 * Two requests that each pass every check and then collide in the database.
 * The test holds the two seasons' rows, so both requests are past their
 * checks and waiting when it lets them go: the race happens every run.
 */

let provinces: TestSubgraph;
let admin: string;
const YEAR = 2010;

const setMembers = `mutation ($clusterId: ID!, $ids: [ID!]!) {
  setSeasonMembers(clusterId: $clusterId, year: ${YEAR}, provinceIds: $ids) { clusterId members { id } }
}`;

beforeAll(async () => {
  provinces = await startTestSubgraph(provincesSubgraph);
  admin = await testToken('admin');
  for (const [id, first] of [
    ['cum-race-a', 'lao-cai'],
    ['cum-race-b', 'yen-bai'],
  ]) {
    await provinces.query(`mutation { createCluster(id: "${id}", name: "Cụm ${id}") { id } }`, { token: admin });
    const created = await provinces.query(setMembers, { token: admin, variables: { clusterId: id, ids: [first] } });
    expect(created.errors).toBeUndefined();
  }
});
afterAll(() => provinces.close());

test('two setSeasonMembers putting one province in two clusters at once: one wins, the other is CONFLICT naming it', async () => {
  const holder = provinces.dataSource.createQueryRunner();
  await holder.startTransaction();
  await holder.query('SELECT 1 FROM cluster_season WHERE year = $1 FOR UPDATE', [YEAR]);
  const racing = [
    provinces.query(setMembers, { token: admin, variables: { clusterId: 'cum-race-a', ids: ['lao-cai', 'ha-giang'] } }),
    provinces.query(setMembers, { token: admin, variables: { clusterId: 'cum-race-b', ids: ['ha-giang', 'yen-bai'] } }),
  ];
  await waitForLockWaiters(provinces.dataSource, 2);
  await holder.commitTransaction();
  await holder.release();
  const results = await Promise.all(racing);

  const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'ok').sort();
  expect(codes).toEqual(['CONFLICT', 'ok']);
  const loser = results.find((r) => r.errors)!;
  expect(loser.errors![0].message).toMatch(/provinceIds\[\d\]: "ha-giang" was just put in cluster "cum-race-[ab]"/);

  const rows: { cluster_id: string; province_id: string }[] = await provinces.dataSource.query(
    'SELECT cluster_id, province_id FROM season_member WHERE year = $1 ORDER BY cluster_id, province_id',
    [YEAR],
  );
  const winner = results.find((r) => !r.errors)!.data!.setSeasonMembers.clusterId as string;
  const loserBefore = winner === 'cum-race-a' ? ['cum-race-b', 'yen-bai'] : ['cum-race-a', 'lao-cai'];
  expect(rows.filter((row) => row.province_id === 'ha-giang')).toEqual([
    { cluster_id: winner, province_id: 'ha-giang' },
  ]);
  // The loser's season is as it was: nothing of its request was stored.
  expect(rows.filter((row) => row.cluster_id === loserBefore[0]).map((row) => row.province_id)).toEqual([
    loserBefore[1],
  ]);
});
